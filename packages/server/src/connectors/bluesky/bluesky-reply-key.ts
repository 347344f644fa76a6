import { createHash } from 'node:crypto';

const S32 = '234567abcdefghijklmnopqrstuvwxyz';
/** 2020-01-01: where a reply without a creation time is placed (still deterministic). */
const FALLBACK_EPOCH_US = 1_577_836_800_000_000n;

/**
 * The record key of a reply: a TID (atproto's 13-character timestamp id) made from the reply's
 * creation time and a clock id hashed from its idempotency key. The same reply always gets the
 * same key, so after a timeout a retry finds the record the first attempt may have written
 * instead of posting a second one. A reply without a creation time gets a time hashed from the
 * key too.
 */
export function replyRecordKey(idempotencyKey: string, createdAt?: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest();
  const parsed = createdAt ? Date.parse(createdAt) : Number.NaN;
  const micros = Number.isNaN(parsed)
    ? FALLBACK_EPOCH_US + (digest.readBigUInt64BE(8) & 0xff_ffff_ffffn)
    : BigInt(parsed) * 1000n + BigInt(digest.readUInt16BE(16) % 1000);
  const clockId = BigInt(digest.readUInt16BE(0) & 0x3ff);
  let value = ((micros & 0x1f_ffff_ffff_ffffn) << 10n) | clockId;
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = S32[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}
