/**
 * Calendar arithmetic on plain 'YYYY-MM-DD' dates (no time zone: a calendar day) and the
 * wall-clock time of an instant in a location's IANA zone, through Intl.
 */

export type View = 'month' | 'week';

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDate(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function parse(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function addDays(day: string, days: number): string {
  const date = parse(day);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDate(date);
}

export function addMonths(day: string, months: number): string {
  const date = parse(day);
  return isoDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)));
}

/** The days shown: whole weeks (Sunday first) covering the month, or the week of `anchor`. */
export function visibleDays(anchor: string, view: View): string[] {
  const date = parse(anchor);
  const start =
    view === 'month'
      ? new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1))
      : new Date(date);
  start.setUTCDate(start.getUTCDate() - start.getUTCDay());
  const count = view === 'week' ? 7 : 42;
  return Array.from({ length: count }, (_, i) => addDays(isoDate(start), i));
}

/** The date and 'HH:MM' of an instant on the wall clock of `timeZone`. */
export function zonedParts(instant: string, timeZone: string): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}`,
  };
}

/**
 * Today's date on the wall clock of `timeZone` (the chosen location's; otherwise this browser's):
 * at 8 p.m. in New York it is still today there, though already tomorrow in UTC.
 */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  return zonedParts(now.toISOString(), timeZone ?? browserTimeZone()).day;
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The wall-clock time an entry moves to when dropped on `day`: same time of day, new date. */
export function movedLocalTime(entry: { dueAt: string; timeZone: string }, day: string): string {
  return `${day}T${zonedParts(entry.dueAt, entry.timeZone).time}`;
}

/** The instants bounding the visible days, padded a day each side for zones far from UTC. */
export function rangeOf(days: string[]): { from: string; to: string } {
  const first = days[0] ?? isoDate(new Date());
  const last = days[days.length - 1] ?? first;
  return { from: `${addDays(first, -1)}T00:00:00Z`, to: `${addDays(last, 2)}T00:00:00Z` };
}

export function monthTitle(anchor: string): string {
  return new Intl.DateTimeFormat('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(parse(anchor));
}

/** "Week of Nov 22, 2026" (the week's first day; its ISO form read like the month title). */
export function weekTitle(firstDay: string): string {
  return `Week of ${new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(parse(firstDay))}`;
}

export function dayLabel(day: string, style: 'short' | 'long' = 'short'): string {
  return new Intl.DateTimeFormat('en-US', {
    weekday: style === 'long' ? 'long' : 'short',
    month: style === 'long' ? 'long' : 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(parse(day));
}
