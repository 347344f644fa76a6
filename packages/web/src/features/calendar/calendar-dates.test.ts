import { describe, expect, it } from 'vitest';
import {
  addMonths,
  movedLocalTime,
  rangeOf,
  todayIn,
  visibleDays,
  weekTitle,
  zonedParts,
} from './calendar-dates';

describe('calendar dates', () => {
  it('a month view covers whole weeks from Sunday; a week view is Sunday to Saturday', () => {
    const month = visibleDays('2026-03-15', 'month');
    expect(month).toHaveLength(42);
    expect(month[0]).toBe('2026-03-01');
    const week = visibleDays('2026-03-11', 'week');
    expect(week).toEqual([
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
    ]);
    expect(visibleDays('2026-11-28', 'month')[0]).toBe('2026-11-01');
    expect(addMonths('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekTitle('2026-11-22')).toBe('Week of Nov 22, 2026');
  });

  it('shows an instant on the wall clock of the location, across DST', () => {
    expect(zonedParts('2026-03-08T09:30:00Z', 'America/Denver')).toEqual({
      day: '2026-03-08',
      time: '03:30',
    });
    expect(zonedParts('2026-11-01T07:30:00Z', 'America/Denver')).toEqual({
      day: '2026-11-01',
      time: '01:30',
    });
    expect(zonedParts('2026-01-15T03:00:00Z', 'America/Denver')).toEqual({
      day: '2026-01-14',
      time: '20:00',
    });
  });

  it('dropping on another day keeps the local time of day', () => {
    expect(
      movedLocalTime({ dueAt: '2026-03-06T16:00:00Z', timeZone: 'America/Denver' }, '2026-03-09'),
    ).toBe('2026-03-09T09:00');
    expect(rangeOf(['2026-03-01', '2026-03-07'])).toEqual({
      from: '2026-02-28T00:00:00Z',
      to: '2026-03-09T00:00:00Z',
    });
  });

  it("today is the location's date, not UTC's: an evening in New York is still that day", () => {
    const evening = new Date('2026-11-28T01:30:00Z'); // 8:30 p.m. on Nov 27 in New York
    expect(todayIn('America/New_York', evening)).toBe('2026-11-27');
    expect(todayIn('Asia/Tokyo', evening)).toBe('2026-11-28');
    expect(todayIn('Pacific/Kiritimati', new Date('2026-11-27T10:30:00Z'))).toBe('2026-11-28');
  });
});
