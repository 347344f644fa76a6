import type { DbOrTx } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import type { MediaStore } from '../../media/media-store.js';
import type { Actor } from '../audit/audit-types.js';
import { inTransaction } from '../channels/channels.js';
import { can } from '../policy/policy.js';
import { uploadMedia } from '../posts/media/upload-media.js';
import { PHOTO_EXTENSIONS } from './photo-url.js';
import type { ProviderPhoto } from './profile-schema.js';
import { requireProvider, storedProfile } from './provider-views.js';
import { proposeProviderChange, type ChangeOutcome } from './providers.js';
import { findPracticePage } from './public-page-data.js';

/** Longest side of a stored provider photo: sharp on a 2× screen at the page's 240 px, and fine as og:image. */
export const PHOTO_EDGE = 800;
/** The profile's `photoAlt` limit. */
const MAX_PHOTO_ALT = 300;

/**
 * A new profile photo: checked, stripped of every bit of metadata (EXIF with its GPS position) and
 * resized by the posts' media pipeline, stored through the MediaStore, then proposed as a profile
 * change — so a photo someone else uploads waits for the clinician's approval like any other edit,
 * and both the upload and the change are audited.
 */
export async function uploadProviderPhoto(
  db: DbOrTx,
  options: {
    actor: Actor & { role: Role };
    orgId: string;
    providerId: string;
    bytes: Uint8Array;
    altText: string;
    store: MediaStore;
  },
): Promise<ChangeOutcome & { photo: ProviderPhoto }> {
  const { actor, orgId } = options;
  const row = await requireProvider(db, { orgId, providerId: options.providerId });
  // Refused before anything is stored: the same ownership rule as every profile change.
  if (row.userId !== actor.userId && !can(actor.role, 'provider.manage'))
    throw forbidden('You can edit only your own profile.');
  const altText = options.altText.trim();
  if (altText.length > MAX_PHOTO_ALT)
    throw invalid({ altText: `Keep the description under ${MAX_PHOTO_ALT} characters.` });
  const media = await uploadMedia(db, {
    actor,
    orgId,
    bytes: options.bytes,
    altText,
    store: options.store,
    maxEdge: PHOTO_EDGE,
  });
  const photo: ProviderPhoto = {
    mediaId: media.id,
    width: media.width,
    height: media.height,
    mimeType: media.mimeType,
  };
  const outcome = await inTransaction(db, (tx) =>
    proposeProviderChange(tx, {
      actor,
      orgId,
      providerId: row.id,
      changes: { photo, photoAlt: altText },
    }),
  );
  return { ...outcome, photo };
}

/**
 * A photo for the public pages: only the current photo of a published provider of a published
 * practice. Other images of the organization (post media, a photo still waiting for approval,
 * a replaced one) are a plain 404 here.
 */
export async function readPublicPhoto(
  db: DbOrTx,
  options: { practiceSlug: string; mediaId: string; extension: string; store: MediaStore },
): Promise<{ bytes: Uint8Array; mimeType: ProviderPhoto['mimeType'] }> {
  const missing = () => notFound('The photo');
  const page = await findPracticePage(db, options.practiceSlug);
  if (!page) throw missing();
  const providers = await db
    .selectFrom('providers')
    .select('profile')
    .where('orgId', '=', page.orgId)
    .where('published', '=', 1)
    .execute();
  const photo = providers
    .map((p) => storedProfile(p).photo)
    .find((p) => p?.mediaId === options.mediaId);
  if (!photo || PHOTO_EXTENSIONS[photo.mimeType] !== options.extension) throw missing();
  const media = await db
    .selectFrom('mediaAssets')
    .select('storageKey')
    .where('orgId', '=', page.orgId)
    .where('id', '=', photo.mediaId)
    .executeTakeFirst();
  if (!media) throw missing();
  return { bytes: await options.store.get(media.storageKey), mimeType: photo.mimeType };
}
