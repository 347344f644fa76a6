import type { MediaInput } from '../connector.js';

/**
 * An image as a multipart part. Image bytes never sit on a SharedArrayBuffer; the cast only
 * narrows the type for the DOM lib (the e2e project compiles this file with it), whose `BlobPart`
 * takes `Uint8Array<ArrayBuffer>` alone.
 */
export function imageBlob(item: Pick<MediaInput, 'bytes' | 'mimeType'>): Blob {
  return new Blob([item.bytes as Uint8Array<ArrayBuffer>], { type: item.mimeType });
}
