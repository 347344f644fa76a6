import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error';
import { queryKeys } from './query-keys';

/**
 * The app's query client. A 401 from any call means the server ended the session (idle logoff,
 * revoked, expired): the cached session is cleared, and the route guard sends the user to sign-in.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401 && error.code === 'unauthenticated') {
      if (client.getQueryData(queryKeys.session)) client.setQueryData(queryKeys.session, null);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) =>
          !(error instanceof ApiError && error.status > 0 && error.status < 500) &&
          failureCount < 2,
      },
    },
  });
  return client;
}
