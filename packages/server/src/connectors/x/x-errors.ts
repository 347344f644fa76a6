import type { ConnectorError } from '../connector-error.js';
import { errorFactory, stringField, type NetworkRefusal } from '../http/network-http.js';
import { oauthTokenError } from '../http/oauth2.js';
import { DEFAULT_RETRY_AFTER_SECONDS } from '../http/retry-after.js';

const error = errorFactory('x');

/**
 * Maps X API v2 errors (RFC 7807 problem JSON: `title`, `detail`, `type`, `errors[]`; NETWORKS.md
 * §3.4) to the closed set. X sends no Retry-After: `x-rate-limit-reset` is the Unix second the
 * window reopens.
 */
export function xError(refusal: NetworkRefusal, redact: (text: string) => string): ConnectorError {
  const token = oauthTokenError('x', refusal, redact);
  if (token) return token;
  const { status, json } = refusal;
  const type = stringField(json, 'type') ?? '';
  const detail = redact(problemDetail(json));
  if (status === 401)
    return error(
      'reconnect_needed',
      'X no longer accepts this connection; reconnect the account.',
      {
        status,
      },
    );
  if (status === 429)
    return error(
      'rate_limited',
      type.endsWith('/usage-capped')
        ? "The X plan's usage cap is reached; posting resumes when it resets."
        : 'X asks us to slow down.',
      { status, retryAfterSeconds: xRetryAfter(refusal.headers) },
    );
  if (status === 408 || status >= 500)
    return error('transient', `X had a problem (HTTP ${status}).`, { status });
  if (
    status === 403 &&
    (type.endsWith('/client-forbidden') || /not permitted to perform|suspended/i.test(detail))
  )
    return error('reconnect_needed', detail || 'X no longer lets this app post for the account.', {
      status,
    });
  return error('content_rejected', detail || `X refused the request (HTTP ${status}).`, { status });
}

/** `x-rate-limit-reset` (Unix seconds) → seconds from now. */
export function xRetryAfter(headers: Headers, now: Date = new Date()): number {
  const reset = Number(headers.get('x-rate-limit-reset') ?? Number.NaN);
  if (!Number.isFinite(reset)) return DEFAULT_RETRY_AFTER_SECONDS;
  return Math.max(1, Math.ceil(reset - now.getTime() / 1000));
}

function problemDetail(json: unknown): string {
  const errors = (json as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(errors)) {
    const messages = errors
      .map((item) => stringField(item, 'message') ?? stringField(item, 'detail'))
      .filter((m): m is string => Boolean(m));
    if (messages.length > 0) return messages.join('; ');
  }
  return stringField(json, 'detail') ?? stringField(json, 'title') ?? '';
}
