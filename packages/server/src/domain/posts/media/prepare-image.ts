import sharp from 'sharp';
import { AppError } from '../../../errors.js';

export type ImageMimeType = 'image/jpeg' | 'image/png' | 'image/webp';

/** Uploads larger than this are refused before decoding. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Longest side after resizing: Bluesky shows 2000 px, Mastodon scales larger ones down anyway. */
export const MAX_EDGE = 2000;
/** Bluesky's blob limit (1,000,000 bytes) is the strictest of the networks Bedside publishes to. */
export const MAX_STORED_BYTES = 976_000;
/** A decompression bomb guard: more pixels than this are refused. */
const MAX_INPUT_PIXELS = 60_000_000;

export interface PreparedImage {
  bytes: Uint8Array;
  mimeType: ImageMimeType;
  width: number;
  height: number;
}

const FORMATS: Record<string, ImageMimeType> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

const unsupported = (message: string): AppError => new AppError('unsupported_media_type', message);

/**
 * Turns an upload into what Bedside stores and publishes: decoded (only JPEG, PNG or WebP, still
 * images), turned upright, re-encoded WITHOUT any metadata — EXIF with its GPS position and camera
 * serial, XMP, IPTC, ICC, comments — and made small enough for every network (2000 px, under
 * Bluesky's 1 MB). The decoder decides the format, never the file name or the declared type.
 */
export async function prepareImage(
  input: Uint8Array,
  options: { maxEdge?: number } = {},
): Promise<PreparedImage> {
  if (input.byteLength > MAX_UPLOAD_BYTES)
    throw new AppError(
      'payload_too_large',
      `The image is ${(input.byteLength / 1024 / 1024).toFixed(1)} MB; upload one under ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
    );
  if (input.byteLength === 0) throw unsupported('The file is empty.');
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    throw unsupported('This file could not be read as an image. Upload a JPEG, PNG or WebP.');
  }
  const mimeType = meta.format ? FORMATS[meta.format] : undefined;
  if (!mimeType)
    throw unsupported(
      `${(meta.format ?? 'This').toUpperCase()} images are not supported. Upload a JPEG, PNG or WebP.`,
    );
  if ((meta.pages ?? 1) > 1)
    throw unsupported('Animated images are not supported. Upload a still JPEG, PNG or WebP.');
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_INPUT_PIXELS)
    throw unsupported('The image has too many pixels. Upload one under 60 megapixels.');

  try {
    // A smaller `maxEdge` (a provider's photo on a web page) caps every attempt.
    const maxEdge = options.maxEdge ?? MAX_EDGE;
    const edges = [...new Set([MAX_EDGE, 1600, 1280, 1024].map((e) => Math.min(e, maxEdge)))];
    for (const edge of edges) {
      for (const quality of [85, 72, 60]) {
        const out = await encode(input, {
          mimeType,
          edge,
          quality,
          hasAlpha: meta.hasAlpha ?? false,
        });
        if (out.bytes.byteLength <= MAX_STORED_BYTES) return out;
      }
    }
  } catch {
    throw unsupported('This image could not be decoded. Upload a JPEG, PNG or WebP.');
  }
  throw new AppError(
    'payload_too_large',
    'The image stays over 1 MB even when scaled down. Upload a simpler or smaller image.',
  );
}

/**
 * One encoding attempt. Sharp writes no metadata unless asked (`withMetadata`), so nothing of the
 * original's EXIF/XMP/IPTC survives; `rotate()` applies the EXIF orientation before it is dropped.
 * A PNG that stays too large is sent as WebP (keeps transparency, far smaller).
 */
async function encode(
  input: Uint8Array,
  options: { mimeType: ImageMimeType; edge: number; quality: number; hasAlpha: boolean },
): Promise<PreparedImage> {
  const base = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS })
    .rotate()
    .resize({ width: options.edge, height: options.edge, fit: 'inside', withoutEnlargement: true });
  let pipeline: sharp.Sharp;
  let mimeType = options.mimeType;
  if (mimeType === 'image/jpeg') pipeline = base.jpeg({ quality: options.quality, mozjpeg: true });
  else if (mimeType === 'image/webp' || options.quality < 85) {
    mimeType = options.hasAlpha || mimeType === 'image/webp' ? 'image/webp' : 'image/jpeg';
    pipeline =
      mimeType === 'image/webp'
        ? base.webp({ quality: options.quality })
        : base.flatten({ background: '#ffffff' }).jpeg({ quality: options.quality, mozjpeg: true });
  } else pipeline = base.png({ compressionLevel: 9 });
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(data), mimeType, width: info.width, height: info.height };
}
