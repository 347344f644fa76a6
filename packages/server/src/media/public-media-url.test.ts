import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMediaLinkSigner, PUBLIC_MEDIA_PATH } from './public-media-url.js';

const key = Buffer.alloc(32, 9);
const base = 'https://bedside.clinic.example';
const signer = createMediaLinkSigner({ key, publicBaseUrl: `${base}/`, ttlSeconds: 3600 });
const ref = {
  targetId: '3b9f4c1e-6a57-4d0e-9c1a-0f2b7d8e9a10',
  mediaId: '7c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5',
};
const T0 = new Date('2027-06-15T14:00:00Z');
const tokenOf = (url: string): string => url.slice(`${base}${PUBLIC_MEDIA_PATH}`.length);

describe('signed public media links', () => {
  it('a link names the target and image, expires after the TTL, and verifies back', () => {
    const url = signer.urlFor(ref, T0);
    expect(url.startsWith(`${base}/api/public/media/`)).toBe(true);
    const token = tokenOf(url);
    expect(token).toMatch(/^[A-Za-z0-9-]+\/[A-Za-z0-9-]+\/\d+\.[A-Za-z0-9_-]{43}$/);
    expect(token).toBe(
      `${ref.targetId}/${ref.mediaId}/${T0.getTime() / 1000 + 3600}.${token.slice(-43)}`,
    );
    expect(signer.verify(token, T0)).toEqual(ref);
    expect(signer.verify(token, new Date(T0.getTime() + 3_599_000))).toEqual(ref);
  });

  it('an expired link is refused, however good its signature', () => {
    const token = tokenOf(signer.urlFor(ref, T0));
    expect(signer.verify(token, new Date(T0.getTime() + 3_600_000))).toBeUndefined();
    expect(signer.verify(token, new Date(T0.getTime() + 86_400_000))).toBeUndefined();
  });

  it('changing any part — the signature, the target, the image, the expiry — breaks it', () => {
    const token = tokenOf(signer.urlFor(ref, T0));
    const [targetId = '', mediaId = '', expires = '', signature = ''] = token.split(/[/.]/);
    const flip = (text: string, at: number): string =>
      `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
    const tampered = [
      [targetId, mediaId, expires, flip(signature, 0)],
      [targetId, mediaId, expires, flip(signature, 42)],
      [flip(targetId, 0), mediaId, expires, signature],
      [targetId, flip(mediaId, 5), expires, signature],
      [targetId, mediaId, String(Number(expires) + 86_400), signature],
      [mediaId, targetId, expires, signature],
    ];
    const join = ([a, b, c, d]: string[]) => `${a}/${b}/${c}.${d}`;
    expect(signer.verify(join([targetId, mediaId, expires, signature]), T0)).toEqual(ref);
    for (const parts of tampered) expect(signer.verify(join(parts), T0)).toBeUndefined();
  });

  it('a link signed with another key is refused (keys are per installation)', () => {
    const other = createMediaLinkSigner({
      key: randomBytes(32),
      publicBaseUrl: base,
      ttlSeconds: 3600,
    });
    expect(signer.verify(tokenOf(other.urlFor(ref, T0)), T0)).toBeUndefined();
  });

  it('two images of one target, or one image of two targets, get unrelated signatures', () => {
    const sig = (token: string) => token.slice(-43);
    const a = sig(tokenOf(signer.urlFor(ref, T0)));
    const b = tokenOf(signer.urlFor({ ...ref, mediaId: `${ref.mediaId.slice(0, -1)}6` }, T0));
    const c = tokenOf(signer.urlFor({ ...ref, targetId: `${ref.targetId.slice(0, -1)}1` }, T0));
    expect(new Set([a, sig(b), sig(c)]).size).toBe(3);
  });

  it('bad input: malformed tokens are refused, not thrown; bad ids and short keys are programming errors', () => {
    for (const token of [
      '',
      'x',
      'a.b.c',
      'a.b.c.d.e',
      '../../etc/passwd',
      `${ref.targetId}/${ref.mediaId}/${T0.getTime()}.${'A'.repeat(43)}`,
      `${ref.targetId}/${ref.mediaId}/9999999999.${'A'.repeat(44)}`,
      `${ref.targetId}/${ref.mediaId}/-1.${'A'.repeat(43)}`,
      `${ref.targetId}/${ref.mediaId}/9999999999.${'é'.repeat(43)}`,
      `${'a'.repeat(65)}/${ref.mediaId}/9999999999.${'A'.repeat(43)}`,
      `${ref.targetId}/../${ref.mediaId}/9999999999.${'A'.repeat(43)}`,
      'x'.repeat(10_000),
    ])
      expect(signer.verify(token, T0), token.slice(0, 40)).toBeUndefined();
    expect(() => signer.urlFor({ ...ref, mediaId: '../secret' }, T0)).toThrow();
    expect(() => signer.urlFor({ ...ref, targetId: 'a/b' }, T0)).toThrow();
    expect(() =>
      createMediaLinkSigner({ key: Buffer.alloc(16), publicBaseUrl: base, ttlSeconds: 60 }),
    ).toThrow(/at least 32 bytes/);
  });
});
