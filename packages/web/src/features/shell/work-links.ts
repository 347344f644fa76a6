import { paths } from '../../paths';

/** The inbox with its filters in the URL (the inbox page reads them), so a count opens its list. */
export function inboxLink(filters: Record<string, string>): string {
  return `${paths.inbox}?${new URLSearchParams(filters).toString()}`;
}

/** "Tue, Dec 1, 9:00 AM PST": a post's time in the zone it was scheduled in (its location's). */
export function formatInZone(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return date.toLocaleString('en-US', {
      timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
  } catch {
    // A zone this browser does not know: its own zone, said so by the abbreviation.
    return date.toLocaleString('en-US', {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
  }
}

/** "1 post" / "3 posts". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
