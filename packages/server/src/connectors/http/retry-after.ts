/** When no header says how long to wait, wait this long: a guess that avoids hammering the network. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

/**
 * Seconds to wait before retrying, from whichever rate-limit header the network sent:
 * `Retry-After` (seconds or an HTTP date), Mastodon's `X-RateLimit-Reset` (ISO timestamp) or the
 * IETF draft's `RateLimit-Reset` that Bluesky sends (Unix seconds; small values are a delta).
 */
export function retryAfterSeconds(headers: Headers, now: Date = new Date()): number {
  const untilDate = (date: number): number | undefined =>
    Number.isNaN(date) ? undefined : Math.max(1, Math.ceil((date - now.getTime()) / 1000));

  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const value = Number.isFinite(seconds)
      ? Math.max(1, Math.ceil(seconds))
      : untilDate(Date.parse(retryAfter));
    if (value !== undefined) return value;
  }
  const mastodonReset = headers.get('x-ratelimit-reset');
  if (mastodonReset) {
    const value = untilDate(Date.parse(mastodonReset));
    if (value !== undefined) return value;
  }
  const draftReset = Number(headers.get('ratelimit-reset') ?? Number.NaN);
  if (Number.isFinite(draftReset)) {
    // The draft allows a delta in seconds; Bluesky sends an epoch. Anything below a year is a delta.
    return draftReset < 31_536_000
      ? Math.max(1, Math.ceil(draftReset))
      : (untilDate(draftReset * 1000) ?? DEFAULT_RETRY_AFTER_SECONDS);
  }
  return DEFAULT_RETRY_AFTER_SECONDS;
}
