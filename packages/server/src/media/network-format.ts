import sharp from 'sharp';

/**
 * Networks that download an image accept only some formats: Instagram's Content Publishing API
 * takes JPEG only. What Bedside stores (JPEG, PNG or WebP, without metadata) is served to such a
 * network re-encoded — transparency onto white, still without metadata (sharp keeps none unless
 * asked).
 */
const JPEG_ONLY = new Set(['instagram']);

export async function imageForNetwork(
  network: string,
  image: { bytes: Uint8Array; mimeType: string },
): Promise<{ bytes: Uint8Array; mimeType: string }> {
  if (!JPEG_ONLY.has(network) || image.mimeType === 'image/jpeg') return image;
  const bytes = await sharp(image.bytes)
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 90, mozjpeg: true })
    .toBuffer();
  return { bytes: new Uint8Array(bytes), mimeType: 'image/jpeg' };
}
