/**
 * Requests per client address per minute for the public pages, counted in fixed one-minute
 * windows in this process (a burst of up to twice the limit can straddle two windows). Cheap
 * enough to run on every page view: one map lookup; the map is emptied each window, so it holds
 * only the addresses seen in the current minute. `max` 0 turns the limit off.
 */
export class PublicPageLimiter {
  private counts = new Map<string, number>();
  private windowEnds = 0;

  constructor(
    readonly max: number,
    private readonly now: () => number = Date.now,
    readonly windowMs = 60_000,
  ) {}

  /** Counts a request from the address; false when the address is over its limit this window. */
  take(address: string): boolean {
    if (this.max === 0) return true;
    const now = this.now();
    if (now >= this.windowEnds) {
      this.counts = new Map();
      this.windowEnds = now + this.windowMs;
    }
    const count = (this.counts.get(address) ?? 0) + 1;
    this.counts.set(address, count);
    return count <= this.max;
  }

  /** Whole seconds until the current window ends, for Retry-After. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.windowEnds - this.now()) / 1000));
  }
}
