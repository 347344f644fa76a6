/**
 * Expiry dates are calendar dates in the practice's IANA time zone: "expires 31 March 2027" means
 * the same day for a practice in Honolulu and one in New York. Comparing YYYY-MM-DD strings is
 * enough for "has this date passed"; no offset arithmetic is needed.
 */

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function calendarDateIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** True when `value` is a Date that holds a time (not `new Date('nonsense')`). */
export function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** A date-only value (paper forms) is a calendar date; anything else is an instant. */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}
