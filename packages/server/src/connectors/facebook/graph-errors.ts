import type { ConnectorError, NetworkName } from '../connector-error.js';
import {
  errorFactory,
  objectField,
  stringField,
  type NetworkRefusal,
} from '../http/network-http.js';
import { retryAfterSeconds } from '../http/retry-after.js';

/** Meta throttling codes: app (4), user (17), Page (32), custom (613), Pages BUC (80001–80014), 341. */
const THROTTLED = new Set([4, 17, 32, 341, 613]);
/** Token gone: expired, password changed, app removed, role lost (subcodes 458–467, 492). */
const TOKEN_CODES = new Set([102, 190]);
/** Instagram's "maximum number of posts published" (code 9, subcode 2207042). */
const PUBLISH_LIMIT_CODE = 9;
/** When Meta says "slow down" and no header says how long; its windows are an hour long. */
const APP_USAGE_WAIT_SECONDS = 600;

/**
 * Maps Graph API errors — `{"error":{"message","type","code","error_subcode","error_user_msg",
 * "is_transient"}}` (NETWORKS.md §3.1) — for Facebook and Instagram. The wait after throttling
 * comes from `X-Business-Use-Case-Usage` (`estimated_time_to_regain_access`, minutes), else
 * `Retry-After`, else a guess when `X-App-Usage` shows a counter at 100 %.
 */
export function graphError(
  network: NetworkName,
  refusal: NetworkRefusal,
  redact: (text: string) => string,
): ConnectorError {
  const error = errorFactory(network);
  const { status } = refusal;
  const body = objectField(refusal.json, 'error');
  const code = Number(body?.code ?? Number.NaN);
  const subcode = Number(body?.error_subcode ?? Number.NaN);
  const message = redact(stringField(body, 'error_user_msg') ?? stringField(body, 'message') ?? '');
  const label = network === 'instagram' ? 'Instagram' : 'Facebook';

  if (TOKEN_CODES.has(code) || (status === 401 && !body))
    return error(
      'reconnect_needed',
      message || `${label} no longer accepts this connection; reconnect the account.`,
      { status },
    );
  if (code === 10 || (code >= 200 && code <= 299))
    return error(
      'reconnect_needed',
      `${label} no longer gives Bedside the permission it needs${message ? `: ${message}` : ''}. Reconnect the account and allow it.`,
      { status },
    );
  if (code === PUBLISH_LIMIT_CODE || subcode === 2207042)
    return error(
      'rate_limited',
      'Instagram allows 50 posts a day through apps; this account has reached it.',
      { status, retryAfterSeconds: 3600 },
    );
  if (THROTTLED.has(code) || (code >= 80001 && code <= 80014) || status === 429)
    return error('rate_limited', `${label} asks us to slow down.`, {
      status,
      retryAfterSeconds: metaRetryAfter(refusal.headers),
    });
  if (status >= 500 || code === 1 || code === 2 || body?.is_transient === true)
    return error(
      'transient',
      `${label} had a problem${message ? `: ${message}` : ` (HTTP ${status})`}.`,
      {
        status,
      },
    );
  if (!body && status >= 400 && status < 500 && status !== 404)
    return error('transient', `${label} sent an unreadable error (HTTP ${status}).`, { status });
  return error('content_rejected', message || `${label} refused the request (HTTP ${status}).`, {
    status,
  });
}

/** True for "this object does not exist" (code 100, subcode 33; or a 404): a delete already done. */
export function isGraphNotFound(error: unknown): boolean {
  const e = error as ConnectorError;
  return (
    e?.status === 404 ||
    (e?.kind === 'content_rejected' &&
      /does not exist|unsupported get request|cannot be loaded/i.test(e.reason))
  );
}

/** Seconds until Meta lets us call again, from its usage headers. */
export function metaRetryAfter(headers: Headers): number {
  let minutes = 0;
  const buc = parseJsonHeader(headers.get('x-business-use-case-usage'));
  if (buc && typeof buc === 'object')
    for (const entries of Object.values(buc as Record<string, unknown>))
      if (Array.isArray(entries))
        for (const entry of entries) {
          const value = Number((entry as Record<string, unknown>).estimated_time_to_regain_access);
          if (Number.isFinite(value)) minutes = Math.max(minutes, value);
        }
  if (minutes > 0) return minutes * 60;
  if (headers.get('retry-after')) return retryAfterSeconds(headers);
  const app = parseJsonHeader(headers.get('x-app-usage'));
  if (app && typeof app === 'object') return APP_USAGE_WAIT_SECONDS;
  return retryAfterSeconds(headers);
}

function parseJsonHeader(value: string | null): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
