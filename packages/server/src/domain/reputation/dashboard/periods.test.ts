import { describe, expect, it } from 'vitest';
import { daysInRange, periodStart, periodsBetween } from './periods.js';

describe('dashboard periods', () => {
  it('starts weeks on Monday, months on the 1st', () => {
    expect(periodStart('2026-11-29', 'week')).toBe('2026-11-23'); // Sunday
    expect(periodStart('2026-11-30', 'week')).toBe('2026-11-30'); // Monday
    expect(periodStart('2026-12-02', 'week')).toBe('2026-11-30');
    expect(periodStart('2026-11-29', 'month')).toBe('2026-11-01');
    expect(periodStart('2026-11-29', 'day')).toBe('2026-11-29');
  });

  it('lists every period in range, across years and leap days', () => {
    expect(periodsBetween('2026-11-15', '2027-02-03', 'month')).toEqual([
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
      '2027-02-01',
    ]);
    expect(periodsBetween('2028-02-27', '2028-03-01', 'day')).toEqual([
      '2028-02-27',
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(periodsBetween('2026-12-30', '2027-01-12', 'week')).toEqual([
      '2026-12-28',
      '2027-01-04',
      '2027-01-11',
    ]);
    expect(periodsBetween('2026-11-10', '2026-11-10', 'week')).toEqual(['2026-11-09']);
  });

  it('counts days inclusively', () => {
    expect(daysInRange('2026-11-01', '2026-11-30')).toBe(30);
    expect(daysInRange('2026-11-01', '2026-11-01')).toBe(1);
  });
});
