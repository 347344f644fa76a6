import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError } from '../../api/api-error';
import { resetCsrfToken } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import type { Session } from '../../api/types';
import { clearSignOutReason } from './sign-out-reason';

/** The signed-in session, or null when nobody is signed in. */
export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: async ({ signal }): Promise<Session | null> => {
      try {
        return await endpoints.session(signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Stores a fresh session (after sign-in, setup or accepting an invitation). */
export function useSignedIn() {
  const client = useQueryClient();
  return useCallback(
    async (session?: Session) => {
      resetCsrfToken();
      clearSignOutReason();
      if (session) client.setQueryData(queryKeys.session, session);
      else await client.invalidateQueries({ queryKey: queryKeys.session });
    },
    [client],
  );
}

/** Signs out on the server (best effort) and forgets everything cached for the user. */
export function useSignOut() {
  const client = useQueryClient();
  return useCallback(async () => {
    try {
      await endpoints.logout();
    } catch {
      // The session may already be gone on the server; signing out locally is what matters.
    }
    resetCsrfToken();
    // Clear the session in place (observers keep watching the same query), then drop the rest.
    client.setQueryData(queryKeys.session, null);
    client.removeQueries({
      predicate: (query) => query.queryKey[0] !== 'setup' && query.queryKey[0] !== 'session',
    });
  }, [client]);
}
