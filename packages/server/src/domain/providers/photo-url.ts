import type { ProviderPhoto } from './profile-schema.js';

export const PHOTO_EXTENSIONS = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
} as const;

/** Where the public pages serve a photo: under the practice, named by the image's id (its bytes never change). */
export function photoUrl(practiceUrl: string, photo: ProviderPhoto): string {
  return `${practiceUrl}/photos/${photo.mediaId}.${PHOTO_EXTENSIONS[photo.mimeType]}`;
}
