import { describe, expect, it } from 'vitest';
import type { AuthorizationRecord } from './authorization.js';
import { authorizationCovers, type CoverageRequest } from './covers.js';
import { buildAuthorization, testNow, testTimeZone } from './test-support/build-authorization.js';

// The fixture covers text, name and photo on Instagram, Facebook and the website until 2027-03-01.
const request: CoverageRequest = {
  contentTypes: ['photo', 'name'],
  networks: ['instagram', 'facebook'],
  publishAt: new Date('2026-03-10T15:00:00Z'),
  now: testNow,
  timeZone: testTimeZone,
};
const covers = (record: unknown, changes: Partial<CoverageRequest> = {}) =>
  authorizationCovers(record, { ...request, ...changes });

describe('authorizationCovers: may a post featuring the patient be scheduled — 45 CFR 164.508(a)(1)', () => {
  it('covers a post within its content, networks and dates', () => {
    expect(covers(buildAuthorization())).toEqual({ covered: true, reasons: [] });
  });

  it('not signed: a draft or sent form covers nothing', () => {
    for (const status of ['draft', 'sent'] as const) {
      expect(covers(buildAuthorization({ status, signature: null }))).toEqual({
        covered: false,
        reasons: ['The patient has not signed this authorization yet.'],
      });
    }
  });

  it('revoked: covers nothing, whatever the publish date', () => {
    const revoked = buildAuthorization({ status: 'revoked', revokedAt: '2026-03-01T20:00:00Z' });
    expect(covers(revoked).reasons).toEqual(['The patient revoked this authorization.']);
    expect(covers(revoked, { publishAt: new Date('2026-02-01T12:00:00Z') }).covered).toBe(false);
  });

  it('expired by then: a post published after the expiry date is refused', () => {
    const result = covers(buildAuthorization(), { publishAt: new Date('2027-03-02T15:00:00Z') });
    expect(result).toEqual({
      covered: false,
      reasons: ['The authorization expires on 2027-03-01, before the publish date (2027-03-02).'],
    });
  });

  it('expiry on the publish date itself is covered (inclusive), judged in the practice zone', () => {
    // 2027-03-02T05:59Z is 23:59 on 1 March in Chicago, but already 2 March in UTC.
    expect(
      covers(buildAuthorization(), { publishAt: new Date('2027-03-02T05:59:00Z') }).covered,
    ).toBe(true);
    expect(
      covers(buildAuthorization(), { publishAt: new Date('2027-03-02T06:00:00Z') }).covered,
    ).toBe(false);
    expect(
      covers(buildAuthorization(), { publishAt: new Date('2027-03-02T05:59:00Z'), timeZone: 'UTC' })
        .covered,
    ).toBe(false);
  });

  it('expired by then: an expiration event the practice knows of', () => {
    const record = buildAuthorization({
      expiry: { kind: 'event', event: 'I finish treatment' },
      expiresAt: '2026-03-05T00:00:00Z',
    });
    expect(covers(record).reasons).toEqual([
      'The event that ends this authorization has occurred.',
    ]);
    expect(covers(record, { publishAt: new Date('2026-03-04T12:00:00Z') }).covered).toBe(true);
  });

  it('network not listed: names each network the form does not list', () => {
    expect(covers(buildAuthorization(), { networks: ['instagram', 'x', 'gbp'] }).reasons).toEqual([
      'The authorization does not list X (Twitter).',
      'The authorization does not list Google Business Profile.',
    ]);
  });

  it('content type not covered: names each kind of content the form does not cover', () => {
    expect(
      covers(buildAuthorization(), { contentTypes: ['photo', 'video', 'condition'] }).reasons,
    ).toEqual([
      'The authorization does not cover video of the patient.',
      "The authorization does not cover the patient's health condition.",
    ]);
  });

  it('defective: any other defect is a reason, with its citation', () => {
    const record: AuthorizationRecord = buildAuthorization({ combinedWithOtherDocument: true });
    const [reason] = covers(record).reasons;
    expect(reason).toMatch(
      /^The authorization is defective: .+ \(45 CFR 164\.508\(b\)\(2\)\(iv\), \(b\)\(3\)\)$/,
    );
  });

  it('gives every reason at once', () => {
    const record = buildAuthorization({ status: 'sent', signature: null });
    const result = covers(record, {
      networks: ['mastodon'],
      contentTypes: ['video'],
      publishAt: new Date('2027-06-01T12:00:00Z'),
    });
    expect(result.reasons).toHaveLength(4);
  });

  it('bad input: unreadable records and dates are reasons, not exceptions', () => {
    expect(covers({ status: 'signed' }).covered).toBe(false);
    expect(covers({ status: 'signed' }).reasons[0]).toMatch(/^The field "patient" is missing\.$/);
    expect(covers(buildAuthorization(), { publishAt: new Date('nope') }).reasons).toEqual([
      'The publish date is not a valid date.',
    ]);
    expect(covers(buildAuthorization(), { timeZone: 'Mars/Olympus' }).reasons).toEqual([
      "The practice's time zone is not a recognised IANA name, so expiry dates cannot be read.",
    ]);
  });
});
