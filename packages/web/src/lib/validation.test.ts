import { describe, expect, it } from 'vitest';
import { safeNext } from '../features/auth/safe-next';
import { dateRangeError, emptyAuditFilters, toApiFilters } from '../features/audit/audit-filters';
import { auditQuery } from '../api/endpoints';
import { email, password, phone, totpCode, validate, zip } from './validation';

describe('validators', () => {
  it('explains what is wrong before anything is sent', () => {
    expect(validate({ email: 'nope', password: 'short' }, { email, password })).toEqual({
      email: 'Enter an email address like name@practice.com.',
      password: 'Use at least 12 characters (5 so far).',
    });
    expect(validate({ email: 'a@b.co', password: 'twelve chars' }, { email, password })).toEqual(
      {},
    );
    expect(zip('10001-1234')).toBeUndefined();
    expect(zip('1001')).toMatch(/5-digit/);
    expect(phone('the fax number', true)('')).toBeUndefined();
    expect(phone('the phone number')('555-0100')).toMatch(/area code/);
    expect(totpCode(' 123456 ')).toBeUndefined();
    expect(totpCode('12345')).toMatch(/6-digit/);
  });
});

describe('safeNext', () => {
  it('only follows paths inside the app', () => {
    expect(safeNext('/settings/audit?x=1')).toBe('/settings/audit?x=1');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('audit filters', () => {
  it('turns whole local days into an inclusive ISO range and leaves out empty filters', () => {
    const filters = toApiFilters({
      ...emptyAuditFilters,
      outcome: 'denied',
      fromDate: '2025-03-01',
      toDate: '2025-03-01',
    });
    expect(Object.keys(filters)).toEqual(['outcome', 'from', 'to']);
    expect(new Date(filters.to ?? '').getTime() - new Date(filters.from ?? '').getTime()).toBe(
      24 * 3600_000 - 1,
    );
    expect(toApiFilters(emptyAuditFilters)).toEqual({});
    expect(
      dateRangeError({ ...emptyAuditFilters, fromDate: '2025-03-02', toDate: '2025-03-01' }),
    ).toMatch(/after/);
  });

  it('builds the query string without empty values', () => {
    expect(auditQuery({ action: 'auth.login', actorId: '', limit: 50 })).toBe(
      '?action=auth.login&limit=50',
    );
    expect(auditQuery({})).toBe('');
  });
});
