import { XRPCError } from '@atproto/api';
import { ConnectorError, redactSecrets } from '../connector-error.js';
import { isTimeout } from '../http/fetch-with-timeout.js';
import { retryAfterSeconds } from '../http/retry-after.js';

/** XRPC error names that mean the session or account no longer works (NETWORKS.md §1.5). */
const RECONNECT_ERRORS = new Set([
  'ExpiredToken',
  'InvalidToken',
  'AuthenticationRequired',
  'AuthMissing',
  'AuthFactorTokenRequired',
  'AccountTakedown',
  'AccountDeactivated',
  'AccountNotFound',
]);

/**
 * Maps whatever @atproto/api threw to the connector's closed set. XRPC errors carry the HTTP
 * status, an error name and a message (`{"error": "InvalidRequest", "message": "…"}`).
 */
export function toBlueskyError(
  error: unknown,
  secrets: ReadonlyArray<string | undefined>,
): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const network = 'bluesky' as const;
  if (!(error instanceof XRPCError) || error.status < 100) {
    const cause = error instanceof Error ? (error.cause ?? error) : error;
    return new ConnectorError({
      network,
      kind: 'transient',
      reason: isTimeout(cause)
        ? 'The Bluesky server did not answer in time.'
        : 'The Bluesky server could not be reached or sent an unreadable answer.',
    });
  }
  const status: number = error.status;
  const reason = redactSecrets(error.message || error.error, secrets);
  if (status === 401 || RECONNECT_ERRORS.has(error.error)) {
    return new ConnectorError({
      network,
      status,
      kind: 'reconnect_needed',
      reason: reason || 'Bluesky no longer accepts this connection; reconnect the account.',
    });
  }
  if (status === 429 || error.error === 'RateLimitExceeded') {
    return new ConnectorError({
      network,
      status,
      kind: 'rate_limited',
      reason: 'Bluesky asks us to slow down.',
      retryAfterSeconds: retryAfterSeconds(headersOf(error)),
    });
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError({
      network,
      status,
      kind: 'transient',
      reason: reason
        ? `Bluesky had a problem: ${reason}`
        : `Bluesky had a problem (HTTP ${status}).`,
    });
  }
  return new ConnectorError({
    network,
    status,
    kind: 'content_rejected',
    reason: reason || `Bluesky refused the request (HTTP ${status}).`,
  });
}

/** XRPC keeps response headers as a plain map; the rate-limit reader takes `Headers`. */
function headersOf(error: XRPCError): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(error.headers ?? {}))
    if (typeof value === 'string') headers.set(name, value);
  return headers;
}
