import { Cron } from 'croner';

/** Parses a five-field UTC cron pattern, throwing on a malformed one (at register, not at 3 a.m.). */
export function parseCron(pattern: string): Cron {
  return new Cron(pattern, { timezone: 'UTC', mode: '5-part', paused: true });
}

/**
 * The latest time slot of `cron` at or before `now`, as an ISO string: the name of the run that
 * is due. Only the latest slot is ever considered, so after downtime a missed schedule runs once,
 * not once per missed slot.
 *
 * @example latestCronSlot(parseCron('*\/5 * * * *'), new Date('2026-01-01T10:07:30Z')) // '2026-01-01T10:05:00.000Z'
 */
export function latestCronSlot(cron: Cron, now: Date): string | null {
  // croner's previousRuns() excludes a run exactly at the reference; a slot due this very
  // millisecond is due, so look from one millisecond later.
  const [slot] = cron.previousRuns(1, new Date(now.getTime() + 1));
  return slot && slot.getTime() <= now.getTime() ? slot.toISOString() : null;
}
