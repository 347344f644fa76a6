import type { ConnectorError } from '../connector-error.js';
import {
  errorFactory,
  objectField,
  stringField,
  type NetworkRefusal,
} from '../http/network-http.js';
import { oauthTokenError } from '../http/oauth2.js';
import { retryAfterSeconds } from '../http/retry-after.js';

const error = errorFactory('gbp');

/**
 * Maps Google API errors — `{"error":{"code","message","status"}}` with statuses such as
 * UNAUTHENTICATED, PERMISSION_DENIED, RESOURCE_EXHAUSTED, INVALID_ARGUMENT (NETWORKS.md §3.5).
 * Quotas are per minute (300 QPM), so without a Retry-After the wait is a minute.
 */
export function googleError(
  refusal: NetworkRefusal,
  redact: (text: string) => string,
): ConnectorError {
  const token = oauthTokenError('gbp', refusal, redact);
  if (token) return token;
  const { status } = refusal;
  const body = objectField(refusal.json, 'error');
  const code = stringField(body, 'status') ?? '';
  const message = redact(stringField(body, 'message') ?? '');
  if (status === 401 || code === 'UNAUTHENTICATED')
    return error(
      'reconnect_needed',
      'Google no longer accepts this connection; reconnect the location.',
      { status },
    );
  if (status === 403 && code === 'PERMISSION_DENIED')
    return error(
      'reconnect_needed',
      `Google no longer lets this account manage the location${message ? `: ${message}` : ''}.`,
      { status },
    );
  if (status === 429 || code === 'RESOURCE_EXHAUSTED')
    return error('rate_limited', 'Google asks us to slow down (API quota).', {
      status,
      retryAfterSeconds: refusal.headers.get('retry-after')
        ? retryAfterSeconds(refusal.headers)
        : 60,
    });
  if (status === 408 || status >= 500 || code === 'UNAVAILABLE' || code === 'DEADLINE_EXCEEDED')
    return error('transient', `Google had a problem (HTTP ${status}).`, { status });
  return error('content_rejected', message || `Google refused the request (HTTP ${status}).`, {
    status,
  });
}
