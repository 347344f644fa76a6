import { describe, expect, it } from 'vitest';
import { formatInZone, inboxLink, plural } from './work-links';

describe('dashboard links and times', () => {
  it('puts inbox filters in the URL the inbox reads', () => {
    expect(inboxLink({ status: 'new' })).toBe('/inbox?status=new');
    expect(inboxLink({ assigneeId: 'u 1', status: 'assigned' })).toBe(
      '/inbox?assigneeId=u+1&status=assigned',
    );
  });

  it('shows a time in the location’s zone, with the zone', () => {
    expect(formatInZone('2026-12-01T17:00:00.000Z', 'America/Los_Angeles')).toBe(
      'Tue, Dec 1, 9:00 AM PST',
    );
    expect(formatInZone('2026-12-01T17:00:00.000Z', 'America/Denver')).toBe(
      'Tue, Dec 1, 10:00 AM MST',
    );
  });

  it('counts in words', () => {
    expect(plural(1, 'post')).toBe('1 post');
    expect(plural(2, 'reply', 'replies')).toBe('2 replies');
  });
});
