import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links to one post target's image, for the networks that download images
 * themselves instead of taking uploads (Instagram's `image_url`, Google Business Profile's
 * `media[].sourceUrl`). The link names the target and the image by their random ids, when it
 * stops working, and an HMAC-SHA256 over all three with a key only Bedside holds: it cannot be
 * guessed, altered or extended. What it opens is checked again when it is used (the route).
 *
 * Token (the URL after PUBLIC_MEDIA_PATH): `<targetId>/<mediaId>/<expires, unix s>.<signature>`,
 * the signature base64url; in segments, as routers cap a single path parameter's length.
 */
export interface MediaLinkSigner {
  /** The absolute URL a network fetches, valid until `now + ttl`. */
  urlFor(ref: MediaRef, now?: Date): string;
  /** The target and image a token names, or undefined when it is malformed, forged or expired. */
  verify(token: string, now?: Date): MediaRef | undefined;
}

export interface MediaRef {
  targetId: string;
  mediaId: string;
}

/** The route's path under the public base URL; the token follows it. */
export const PUBLIC_MEDIA_PATH = '/api/public/media/';

const ID = /^[A-Za-z0-9-]{1,64}$/;
const TOKEN = /^([A-Za-z0-9-]{1,64})\/([A-Za-z0-9-]{1,64})\/(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export function createMediaLinkSigner(options: {
  key: Buffer;
  publicBaseUrl: string;
  ttlSeconds: number;
}): MediaLinkSigner {
  if (options.key.length < 32) throw new Error('The media link key must be at least 32 bytes');
  const sign = (ref: MediaRef, expires: number): string =>
    createHmac('sha256', options.key)
      .update(`bedside-public-media-v1\n${ref.targetId}\n${ref.mediaId}\n${expires}`)
      .digest('base64url');
  const base = options.publicBaseUrl.replace(/\/$/, '');
  return {
    urlFor(ref, now = new Date()) {
      if (!ID.test(ref.targetId) || !ID.test(ref.mediaId))
        throw new Error('Not a target or media id');
      const expires = Math.floor(now.getTime() / 1000) + options.ttlSeconds;
      const token = `${ref.targetId}/${ref.mediaId}/${expires}.${sign(ref, expires)}`;
      return `${base}${PUBLIC_MEDIA_PATH}${token}`;
    },
    verify(token, now = new Date()) {
      const found = TOKEN.exec(token);
      if (!found) return undefined;
      const [, targetId = '', mediaId = '', expiresText = '', signature = ''] = found;
      const expires = Number(expiresText);
      const expected = Buffer.from(sign({ targetId, mediaId }, expires));
      const given = Buffer.from(signature);
      // Compared in constant time before the expiry, so neither leaks how close a forgery came.
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      if (expires * 1000 <= now.getTime()) return undefined;
      return { targetId, mediaId };
    },
  };
}
