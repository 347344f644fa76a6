import { defaultConnectorFetch } from './keep-alive-fetch.js';

/**
 * A `fetch` that gives up after `timeoutMs`, also while reading the body. Every connector call
 * goes through one so a hung network costs a worker seconds, not minutes. Without a `baseFetch`
 * it sends through the shared keep-alive pool (keep-alive-fetch.ts).
 */
export function fetchWithTimeout(
  timeoutMs: number,
  baseFetch: typeof fetch = defaultConnectorFetch,
): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const given = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const signal = given ? AbortSignal.any([given, timeout]) : timeout;
    return baseFetch(input, { ...init, signal });
  };
}

/** True when the error is the timeout (or another abort) of {@link fetchWithTimeout}. */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}
