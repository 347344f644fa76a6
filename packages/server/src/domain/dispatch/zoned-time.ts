/**
 * Wall-clock times in IANA time zones, without a library: Intl knows every zone's offsets.
 *
 * The DST rule (the same as Temporal's `disambiguation: 'compatible'`, and what people expect):
 * - a wall time that does not exist (skipped on spring-forward day, e.g. 02:30 on 2026-03-08 in
 *   America/Denver) moves forward by the length of the gap: 02:30 → 03:30 MDT;
 * - a wall time that happens twice (fall-back day, 01:30 on 2026-11-01 in America/Denver) means
 *   the first of the two: 01:30 MDT (07:30 UTC), not 01:30 MST.
 * `toInstant` reports which case applied so the API can say so.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const ZONE_PATTERN = /^(UTC|[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){1,2})$/;
const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** True for an IANA zone name this runtime knows (`America/Denver`, `UTC`); false for offsets and typos. */
export function isTimeZone(value: string): boolean {
  if (!ZONE_PATTERN.test(value)) return false;
  try {
    formatter(value);
    return true;
  } catch {
    return false;
  }
}

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Parses 'YYYY-MM-DDTHH:MM'; undefined when it is not a real calendar date and time. */
export function parseLocalDateTime(value: string): LocalDateTime | undefined {
  const match = LOCAL_PATTERN.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return { year, month, day, hour, minute };
}

export function formatLocalDateTime(local: LocalDateTime): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The zone's offset from UTC at an instant, in milliseconds (Denver in winter: -7 h). */
export function offsetAt(timeZone: string, instantMs: number): number {
  const parts = formatter(timeZone).formatToParts(new Date(instantMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The wall-clock time in a zone at an instant. */
export function toLocal(timeZone: string, instant: Date): LocalDateTime {
  const shifted = new Date(instant.getTime() + offsetAt(timeZone, instant.getTime()));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

export interface ZonedInstant {
  instant: Date;
  /** `skipped`: the wall time did not exist and moved forward; `repeated`: the first of two was taken. */
  adjustment: 'none' | 'skipped' | 'repeated';
  /** The wall time actually used (differs from the input only when skipped). */
  local: LocalDateTime;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC instant of a wall-clock time in a zone, by the DST rule at the top of this file. */
export function toInstant(timeZone: string, local: LocalDateTime): ZonedInstant {
  const wallAsUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const before = offsetAt(timeZone, wallAsUtc - DAY_MS);
  const after = offsetAt(timeZone, wallAsUtc + DAY_MS);
  const valid = [...new Set([before, after])]
    .map((offset) => wallAsUtc - offset)
    .filter((candidate) => wallAsUtc - offsetAt(timeZone, candidate) === candidate)
    .sort((a, b) => a - b);
  const [first] = valid;
  if (first !== undefined)
    return {
      instant: new Date(first),
      adjustment: valid.length > 1 ? 'repeated' : 'none',
      local,
    };
  // In the gap: read the wall time with the offset in force before it, which lands after the gap.
  const instant = new Date(wallAsUtc - before);
  return { instant, adjustment: 'skipped', local: toLocal(timeZone, instant) };
}

/** Adds calendar days to a wall-clock date (months: keeps the day, clamped to the month's end). */
export function addToLocal(
  local: LocalDateTime,
  step: { days?: number; months?: number },
): LocalDateTime {
  if (step.months) {
    const index = local.year * 12 + (local.month - 1) + step.months;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    return { ...local, year, month, day: Math.min(local.day, daysInMonth(year, month)) };
  }
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day + (step.days ?? 0)));
  return {
    ...local,
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  };
}

/** 0 = Sunday … 6 = Saturday, of a wall-clock date. */
export function weekdayOf(local: LocalDateTime): number {
  return new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
}
