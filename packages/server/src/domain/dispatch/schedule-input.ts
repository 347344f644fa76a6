import { invalid } from '../../errors.js';
import {
  addToLocal,
  formatLocalDateTime,
  isTimeZone,
  parseLocalDateTime,
  toInstant,
  toLocal,
  type LocalDateTime,
  type ZonedInstant,
} from './zoned-time.js';

export type RecurrenceFrequency = 'daily' | 'weekly' | 'monthly';

export interface RecurrenceInput {
  frequency: RecurrenceFrequency;
  /** Every `interval` days, weeks or months (1–12). */
  interval: number;
  /** How many times in all, the first included (2–52). */
  count: number;
}

/** The furthest ahead a post (or a recurrence's last occurrence) may be scheduled. */
export const MAX_SCHEDULE_DAYS = 400;
export const MAX_OCCURRENCES = 52;

/** A time zone the runtime knows, or a field error that says what to send instead. */
export function requireTimeZone(timeZone: string): string {
  if (!isTimeZone(timeZone))
    throw invalid({
      timeZone: `There is no time zone called "${timeZone.slice(0, 60)}"; use an IANA name such as America/Denver.`,
    });
  return timeZone;
}

/** The wall-clock time as typed, or a field error. */
export function requireLocalTime(value: string): LocalDateTime {
  const local = parseLocalDateTime(value);
  if (!local)
    throw invalid({
      localTime: 'Give a real date and time as YYYY-MM-DDTHH:MM, e.g. 2026-03-09T09:30.',
    });
  return local;
}

/** Refuses an instant that has passed or lies beyond the horizon, naming the local time. */
export function requireFuture(
  zoned: ZonedInstant,
  context: { timeZone: string; now: Date; field: string },
): void {
  const { timeZone, now, field } = context;
  if (zoned.instant.getTime() <= now.getTime())
    throw invalid({
      [field]: `${formatLocalDateTime(zoned.local).replace('T', ' ')} in ${timeZone} has already passed (it is now ${formatLocalDateTime(toLocal(timeZone, now)).replace('T', ' ')} there). Choose a time in the future.`,
    });
  if (zoned.instant.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * 86_400_000)
    throw invalid({ [field]: `Schedule at most ${MAX_SCHEDULE_DAYS} days ahead.` });
}

/**
 * Every occurrence of a recurrence, each on the same wall-clock time in the zone (a 09:00 weekly
 * post stays at 09:00 across DST), by the DST rule of zoned-time.ts.
 */
export function expandOccurrences(
  start: LocalDateTime,
  options: { timeZone: string; recurrence: RecurrenceInput | undefined },
): ZonedInstant[] {
  const { timeZone, recurrence } = options;
  if (!recurrence) return [toInstant(timeZone, start)];
  const { frequency, interval, count } = recurrence;
  if (!Number.isInteger(interval) || interval < 1 || interval > 12)
    throw invalid({ 'recurrence.interval': 'Repeat every 1 to 12 days, weeks or months.' });
  if (!Number.isInteger(count) || count < 2 || count > MAX_OCCURRENCES)
    throw invalid({ 'recurrence.count': `A recurring post runs 2 to ${MAX_OCCURRENCES} times.` });
  const occurrences: ZonedInstant[] = [];
  for (let i = 0; i < count; i += 1) {
    const step =
      frequency === 'monthly'
        ? { months: i * interval }
        : { days: i * interval * (frequency === 'weekly' ? 7 : 1) };
    occurrences.push(toInstant(timeZone, addToLocal(start, step)));
  }
  return occurrences;
}
