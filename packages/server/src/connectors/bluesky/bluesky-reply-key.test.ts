import { describe, expect, it } from 'vitest';
import { replyRecordKey } from './bluesky-reply-key.js';

const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

describe('replyRecordKey', () => {
  it('is a TID, the same for the same reply and different for another', () => {
    const a = replyRecordKey('4f1c0e1e-aaaa-4bbb-8ccc-000000000001', '2026-11-28T06:00:00.000Z');
    expect(a).toMatch(TID);
    expect(replyRecordKey('4f1c0e1e-aaaa-4bbb-8ccc-000000000001', '2026-11-28T06:00:00.000Z')).toBe(
      a,
    );
    expect(
      replyRecordKey('4f1c0e1e-aaaa-4bbb-8ccc-000000000002', '2026-11-28T06:00:00.000Z'),
    ).not.toBe(a);
  });

  it('sorts by creation time like any TID', () => {
    const earlier = replyRecordKey('k', '2026-01-01T00:00:00.000Z');
    const later = replyRecordKey('k', '2026-06-01T00:00:00.000Z');
    expect(earlier < later).toBe(true);
  });

  it('stays deterministic without a creation time or with a garbled one', () => {
    expect(replyRecordKey('k')).toBe(replyRecordKey('k'));
    expect(replyRecordKey('k', 'not a date')).toBe(replyRecordKey('k'));
    expect(replyRecordKey('')).toMatch(TID);
  });
});
