import type { ConnectorError } from '../connector-error.js';
import {
  errorFactory,
  objectField,
  stringField,
  type NetworkRefusal,
} from '../http/network-http.js';
import { oauthTokenError } from '../http/oauth2.js';

const error = errorFactory('linkedin');

/**
 * Maps LinkedIn REST errors — `{"status","serviceErrorCode","code","message"}` and validation
 * errors with `errorDetails.inputErrors[]` (NETWORKS.md §3.3). LinkedIn's quotas are daily and
 * reset at midnight UTC; it sends no rate-limit headers, so without a Retry-After the wait is
 * until then.
 */
export function linkedInError(
  refusal: NetworkRefusal,
  redact: (text: string) => string,
): ConnectorError {
  const token = oauthTokenError('linkedin', refusal, redact);
  if (token) return token;
  const { status, json } = refusal;
  const code = stringField(json, 'code') ?? '';
  const message = redact(inputErrors(json) || (stringField(json, 'message') ?? ''));
  if (status === 401 || /ACCESS_TOKEN/.test(code))
    return error(
      'reconnect_needed',
      code === 'EXPIRED_ACCESS_TOKEN'
        ? 'The LinkedIn connection has expired (they last 60 days); reconnect the page.'
        : message || 'LinkedIn no longer accepts this connection; reconnect the page.',
      { status },
    );
  if (status === 403)
    return error(
      'reconnect_needed',
      `LinkedIn no longer lets this account post for the page${message ? `: ${message}` : ''}. An administrator of the page should reconnect it.`,
      { status },
    );
  if (status === 429)
    return error('rate_limited', "LinkedIn's daily limit for this app or page is reached.", {
      status,
      retryAfterSeconds: linkedInRetryAfter(refusal.headers),
    });
  if (status === 408 || status >= 500)
    return error('transient', `LinkedIn had a problem (HTTP ${status}).`, { status });
  if (/DUPLICATE_POST/.test(JSON.stringify(json ?? '')))
    return error('content_rejected', 'LinkedIn refused the post: it duplicates an earlier post.', {
      status,
    });
  return error('content_rejected', message || `LinkedIn refused the request (HTTP ${status}).`, {
    status,
  });
}

/** Retry-After when sent; otherwise the seconds until LinkedIn's quotas reset at midnight UTC. */
export function linkedInRetryAfter(headers: Headers, now: Date = new Date()): number {
  const header = Number(headers.get('retry-after') ?? Number.NaN);
  if (Number.isFinite(header) && header > 0) return Math.ceil(header);
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((midnight - now.getTime()) / 1000));
}

function inputErrors(json: unknown): string {
  const details = objectField(json, 'errorDetails');
  const list = details?.inputErrors;
  if (!Array.isArray(list)) return '';
  return list
    .map((item) => stringField(item, 'description'))
    .filter((d): d is string => Boolean(d))
    .join('; ');
}
