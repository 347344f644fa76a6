import { createGuard, type CheckInput, type CheckResult, type GuardContext } from '@bedside/guard';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo } from 'react';
import { endpoints } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';

export function useGuardContext(orgId: string) {
  return useQuery({
    queryKey: queryKeys.guardContext(orgId),
    queryFn: ({ signal }) => endpoints.guardContext(orgId, signal),
    staleTime: 5 * 60_000,
  });
}

export type LiveGuardState =
  | { status: 'ready'; result: CheckResult; elapsedMs: number; checkedText: string }
  | { status: 'unavailable'; reason: string };

/**
 * Runs the guard in the browser on every change. The check is deferred so typing never waits
 * for it; the result says which text it was made for. The server checks again on save.
 */
export function useLiveGuard(context: GuardContext | undefined, input: CheckInput): LiveGuardState {
  const guard = useMemo(() => {
    if (!context) return undefined;
    try {
      return createGuard(context);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }, [context]);
  const deferred = useDeferredValue(input);

  return useMemo((): LiveGuardState => {
    if (!guard) return { status: 'unavailable', reason: 'Loading your practice details…' };
    if (guard instanceof Error) {
      return {
        status: 'unavailable',
        reason:
          guard.message === 'guard_unavailable'
            ? 'The live checker is not part of this build yet. Use “Check on server” instead.'
            : 'The live checker could not start. Use “Check on server” instead.',
      };
    }
    const started = performance.now();
    try {
      const result = guard.check(deferred);
      return {
        status: 'ready',
        result,
        elapsedMs: performance.now() - started,
        checkedText: deferred.text,
      };
    } catch (error) {
      return {
        status: 'unavailable',
        reason:
          error instanceof Error && error.message
            ? error.message
            : 'The text could not be checked.',
      };
    }
  }, [guard, deferred]);
}
