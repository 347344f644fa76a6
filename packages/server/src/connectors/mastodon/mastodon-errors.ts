import { ConnectorError } from '../connector-error.js';
import { retryAfterSeconds } from '../http/retry-after.js';

/**
 * Maps a Mastodon error response to the connector's closed set. Mastodon answers
 * `{"error": "…"}` (documented in its API reference); `reason` is that text, secrets removed.
 */
export function mastodonHttpError(
  response: { status: number; headers: Headers },
  reason: string,
): ConnectorError {
  const { status } = response;
  const base = { network: 'mastodon' as const, status };
  if (status === 401 || status === 403) {
    return new ConnectorError({
      ...base,
      kind: 'reconnect_needed',
      reason: reason || 'The instance no longer accepts this connection; reconnect the account.',
    });
  }
  if (status === 429) {
    return new ConnectorError({
      ...base,
      kind: 'rate_limited',
      reason: 'The instance asks us to slow down.',
      retryAfterSeconds: retryAfterSeconds(response.headers),
    });
  }
  if (status === 408 || status >= 500) {
    return new ConnectorError({
      ...base,
      kind: 'transient',
      reason: `The instance had a problem (HTTP ${status}).`,
    });
  }
  if (status === 413) {
    return new ConnectorError({
      ...base,
      kind: 'content_rejected',
      reason: reason || 'The instance refused the file: it is too large.',
    });
  }
  return new ConnectorError({
    ...base,
    kind: 'content_rejected',
    reason: reason || `The instance refused the request (HTTP ${status}).`,
  });
}

/** The instance could not be reached or did not answer in time. */
export function mastodonUnreachable(timedOut: boolean): ConnectorError {
  return new ConnectorError({
    network: 'mastodon',
    kind: 'transient',
    reason: timedOut
      ? 'The instance did not answer in time.'
      : 'The instance could not be reached.',
  });
}

/** A 2xx whose body is not what Mastodon documents: we cannot tell what happened. */
export function mastodonGarbage(what: string, status: number): ConnectorError {
  return new ConnectorError({
    network: 'mastodon',
    kind: 'transient',
    status,
    reason: `The instance sent an unreadable answer to ${what}.`,
  });
}
