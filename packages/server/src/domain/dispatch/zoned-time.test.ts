import { describe, expect, it } from 'vitest';
import { addToLocal, isTimeZone, parseLocalDateTime, toInstant, toLocal } from './zoned-time.js';

const local = (value: string) => {
  const parsed = parseLocalDateTime(value);
  if (!parsed) throw new Error(`bad local time ${value}`);
  return parsed;
};

describe('zoned time', () => {
  it('knows real IANA zones and refuses made-up ones, offsets and injection', () => {
    expect(isTimeZone('America/Denver')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    for (const bad of [
      'Mars/Olympus_Mons',
      'America/Denvr',
      '+05:00',
      'EST5EDT;drop',
      '',
      'x'.repeat(80),
    ])
      expect(isTimeZone(bad)).toBe(false);
  });

  it('parses only real calendar dates and times', () => {
    expect(parseLocalDateTime('2026-02-29T10:00')).toBeUndefined();
    expect(parseLocalDateTime('2028-02-29T10:00')).toBeDefined();
    expect(parseLocalDateTime('2026-13-01T10:00')).toBeUndefined();
    expect(parseLocalDateTime('2026-03-08T24:00')).toBeUndefined();
    expect(parseLocalDateTime('2026-03-08 10:00')).toBeUndefined();
    expect(parseLocalDateTime('2026-03-08T10:00Z')).toBeUndefined();
  });

  it('converts ordinary times with the offset in force (MST in winter, MDT in summer)', () => {
    expect(toInstant('America/Denver', local('2026-01-15T09:00')).instant.toISOString()).toBe(
      '2026-01-15T16:00:00.000Z',
    );
    expect(toInstant('America/Denver', local('2026-07-15T09:00')).instant.toISOString()).toBe(
      '2026-07-15T15:00:00.000Z',
    );
    expect(toInstant('Asia/Kolkata', local('2026-07-15T09:00')).instant.toISOString()).toBe(
      '2026-07-15T03:30:00.000Z',
    );
  });

  it('spring forward (2026-03-08, Denver): 02:30 does not exist and moves forward to 03:30 MDT', () => {
    const result = toInstant('America/Denver', local('2026-03-08T02:30'));
    expect(result.adjustment).toBe('skipped');
    expect(result.instant.toISOString()).toBe('2026-03-08T09:30:00.000Z');
    expect(result.local).toEqual(local('2026-03-08T03:30'));
    // The minutes either side are unambiguous.
    expect(toInstant('America/Denver', local('2026-03-08T01:59')).instant.toISOString()).toBe(
      '2026-03-08T08:59:00.000Z',
    );
    expect(toInstant('America/Denver', local('2026-03-08T03:00')).instant.toISOString()).toBe(
      '2026-03-08T09:00:00.000Z',
    );
  });

  it('fall back (2026-11-01, Denver): 01:30 happens twice and means the first (MDT, 07:30 UTC)', () => {
    const result = toInstant('America/Denver', local('2026-11-01T01:30'));
    expect(result.adjustment).toBe('repeated');
    expect(result.instant.toISOString()).toBe('2026-11-01T07:30:00.000Z');
    expect(toInstant('America/Denver', local('2026-11-01T02:30')).instant.toISOString()).toBe(
      '2026-11-01T09:30:00.000Z',
    );
    expect(toLocal('America/Denver', new Date('2026-11-01T08:30:00Z'))).toEqual(
      local('2026-11-01T01:30'),
    );
  });

  it('adds days and months on the wall clock, clamping to the end of short months', () => {
    expect(addToLocal(local('2026-01-31T09:00'), { months: 1 })).toEqual(local('2026-02-28T09:00'));
    expect(addToLocal(local('2026-12-31T09:00'), { days: 1 })).toEqual(local('2027-01-01T09:00'));
    expect(addToLocal(local('2026-11-15T09:00'), { months: 3 })).toEqual(local('2027-02-15T09:00'));
  });
});
