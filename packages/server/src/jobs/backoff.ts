/** How long a failed job waits before its next attempt. */
export interface BackoffOptions {
  /** The delay after the first failure, before jitter (default 1 s). */
  baseMs: number;
  /** The longest delay (default 1 h). */
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 1_000, maxMs: 60 * 60 * 1_000 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of
 * jobs that failed together (a network outage) spread out instead of returning in a herd, yet
 * never come back sooner than half the nominal delay.
 *
 * @example backoffDelay(3, defaultBackoff) // between 2 s and 4 s
 */
export function backoffDelay(
  failedAttempts: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const nominal = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(nominal / 2 + (nominal / 2) * random());
}
