/**
 * Calendar periods of the dashboard, in UTC: a day, an ISO week (starting Monday) or a month,
 * each named by its first day ("2026-11-23"). Pure date arithmetic on YYYY-MM-DD strings.
 */
export type Bucket = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return toDay(new Date(toDate(day).getTime() + days * DAY_MS));
}

/** The first day of the period that contains `day`. */
export function periodStart(day: string, bucket: Bucket): string {
  if (bucket === 'day') return day;
  if (bucket === 'month') return `${day.slice(0, 7)}-01`;
  const weekday = toDate(day).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** Every period from the one containing `from` to the one containing `to`, in order. */
export function periodsBetween(from: string, to: string, bucket: Bucket): string[] {
  const out: string[] = [];
  let current = periodStart(from, bucket);
  const last = periodStart(to, bucket);
  while (current <= last) {
    out.push(current);
    if (bucket === 'day') current = addDays(current, 1);
    else if (bucket === 'week') current = addDays(current, 7);
    else {
      const d = toDate(current);
      current = toDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
    }
  }
  return out;
}

/** Whole days from `from` to `to`, both included. */
export function daysInRange(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS) + 1;
}
