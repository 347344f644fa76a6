import { describe, expect, it } from 'vitest';
import { calendarDateIn } from './calendar-date.js';
import { buildAuthorization, testTimeZone } from './test-support/build-authorization.js';
import { validateAuthorization } from './validate-authorization.js';

// The expiry date is the last day in effect (inclusive), as a calendar date in the practice's zone:
// 164.508(b)(2)(i) speaks of the date having "passed", which a day has only once it is over.
const expiringOn = buildAuthorization({ expiry: { kind: 'date', date: '2026-06-30' } });
const codesAt = (iso: string, timeZone = testTimeZone): string[] =>
  validateAuthorization(expiringOn, { now: new Date(iso), timeZone }).defects.map((d) => d.code);

describe('expiry dates are inclusive calendar dates in the practice zone — 45 CFR 164.508(b)(2)(i)', () => {
  it('is in effect during the whole expiry date, to its last millisecond in Chicago', () => {
    expect(codesAt('2026-06-30T05:00:00Z')).toEqual([]); // 00:00 CDT on the 30th
    expect(codesAt('2026-07-01T04:59:59.999Z')).toEqual([]); // 23:59:59.999 CDT on the 30th
  });

  it('has passed from midnight of the next day in the practice zone', () => {
    expect(codesAt('2026-07-01T05:00:00Z')).toEqual(['expired']);
  });

  it('reads the same instant differently in different zones', () => {
    const instant = '2026-07-01T02:00:00Z'; // 1 July in UTC and Berlin, still 30 June in Chicago and Honolulu
    expect(codesAt(instant, 'America/Chicago')).toEqual([]);
    expect(codesAt(instant, 'Pacific/Honolulu')).toEqual([]);
    expect(codesAt(instant, 'UTC')).toEqual(['expired']);
    expect(codesAt(instant, 'Europe/Berlin')).toEqual(['expired']);
  });

  it('finds the calendar date across a daylight-saving change', () => {
    // 2026-03-08 is the spring-forward day in the US; 05:30Z is 23:30 CST on the 7th.
    expect(calendarDateIn(new Date('2026-03-08T05:30:00Z'), 'America/Chicago')).toBe('2026-03-07');
    expect(calendarDateIn(new Date('2026-03-08T06:30:00Z'), 'America/Chicago')).toBe('2026-03-08');
  });

  it('refuses a time zone that is not an IANA name instead of guessing one', () => {
    const result = validateAuthorization(expiringOn, {
      now: new Date('2026-06-01T12:00:00Z'),
      timeZone: 'Central Time',
    });
    expect(result.valid).toBe(false);
    expect(result.defects.map((d) => [d.code, d.element])).toEqual([['invalid-input', 'timeZone']]);
  });

  it('refuses an invalid clock value without throwing', () => {
    const result = validateAuthorization(expiringOn, {
      now: new Date('not a date'),
      timeZone: testTimeZone,
    });
    expect(result.defects.map((d) => [d.code, d.element])).toEqual([['invalid-input', 'now']]);
  });

  it('an expired status is expired whatever the date says', () => {
    const record = buildAuthorization({ status: 'expired' });
    expect(
      validateAuthorization(record, {
        now: new Date('2026-03-02T18:00:00Z'),
        timeZone: testTimeZone,
      }).defects.map((d) => d.code),
    ).toEqual(['expired']);
  });
});

describe('signature dates — 45 CFR 164.508(c)(1)(vi)', () => {
  const signedAt = (value: string): string[] =>
    validateAuthorization(
      buildAuthorization({
        signature: {
          signedName: 'Robin Testpatient',
          signedAt: value,
          signer: { kind: 'individual' },
        },
      }),
      {
        now: new Date('2026-03-02T18:00:00Z'), // noon in Chicago
        timeZone: testTimeZone,
      },
    ).defects.map((d) => d.code);

  it('(c)(1)(vi) signed in the future: an e-signature time after now is refused — 45 CFR 164.508(c)(1)(vi)', () => {
    expect(signedAt('2026-03-02T18:00:01Z')).toEqual(['signed-in-future']);
    expect(signedAt('2026-03-02T18:00:00Z')).toEqual([]);
  });

  it('(c)(1)(vi) signed in the future: a paper form dated tomorrow in the practice zone is refused — 45 CFR 164.508(c)(1)(vi)', () => {
    expect(signedAt('2026-03-03')).toEqual(['signed-in-future']);
    expect(signedAt('2026-03-02')).toEqual([]); // today in Chicago
  });
});
