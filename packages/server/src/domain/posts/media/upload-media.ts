import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../../db/database.js';
import { invalid, notFound } from '../../../errors.js';
import type { MediaStore } from '../../../media/media-store.js';
import { newId } from '../../../security/tokens.js';
import type { Actor } from '../../audit/audit-types.js';
import { recordAuditEvent } from '../../audit/record-audit-event.js';
import { inTransaction } from '../../channels/channels.js';
import type { MediaView } from '../post-view.js';
import { prepareImage } from './prepare-image.js';

/** Networks cap image descriptions (Bluesky 2,000, Mastodon 1,500): the smaller one holds for all. */
export const MAX_ALT_TEXT = 1500;

function checkAltText(altText: string): string {
  const trimmed = altText.trim();
  if (!trimmed)
    throw invalid({ altText: 'Describe the image for people who cannot see it (alt text).' });
  if (trimmed.length > MAX_ALT_TEXT)
    throw invalid({ altText: `Keep the description under ${MAX_ALT_TEXT} characters.` });
  return trimmed;
}

const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

/**
 * Stores an uploaded image: checked and stripped of metadata by `prepareImage`, written to the
 * media store under its content hash, then recorded. Alt text is required.
 */
export async function uploadMedia(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    bytes: Uint8Array;
    altText: string;
    store: MediaStore;
    /** Longest side in pixels when smaller than the networks' 2000 (see prepareImage). */
    maxEdge?: number;
  },
): Promise<MediaView> {
  const altText = checkAltText(options.altText);
  if (!options.actor.userId) throw new Error('uploadMedia needs a person as its actor');
  const uploadedBy = options.actor.userId;
  const image = await prepareImage(options.bytes, { maxEdge: options.maxEdge });
  const sha256 = createHash('sha256').update(image.bytes).digest('hex');
  const storageKey = `${options.orgId}/${sha256}.${EXTENSIONS[image.mimeType]}`;
  await options.store.put(storageKey, image.bytes);
  return inTransaction(db, async (tx) => {
    const id = newId();
    const row = {
      id,
      orgId: options.orgId,
      uploadedBy,
      mimeType: image.mimeType,
      width: image.width,
      height: image.height,
      byteSize: image.bytes.byteLength,
      sha256,
      storageKey,
      altText,
      createdAt: new Date().toISOString(),
    };
    await tx.insertInto('mediaAssets').values(row).execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'media.uploaded',
      target: { type: 'media', id },
      details: { mimeType: image.mimeType, width: image.width, height: image.height, sha256 },
    });
    return mediaView(row);
  });
}

export function mediaView(row: {
  id: string;
  mimeType: MediaView['mimeType'];
  width: number;
  height: number;
  byteSize: number;
  altText: string;
}): MediaView {
  return {
    id: row.id,
    mimeType: row.mimeType,
    width: row.width,
    height: row.height,
    byteSize: row.byteSize,
    altText: row.altText,
  };
}

/** Changes an image's description. Posts using it that were approved go back to review (the text people hear changed). */
export async function updateAltText(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; mediaId: string; altText: string },
): Promise<{ media: MediaView; postIds: string[] }> {
  const altText = checkAltText(options.altText);
  return inTransaction(db, async (tx) => {
    const row = await tx
      .selectFrom('mediaAssets')
      .selectAll()
      .where('orgId', '=', options.orgId)
      .where('id', '=', options.mediaId)
      .executeTakeFirst();
    if (!row) throw notFound('The image');
    await tx
      .updateTable('mediaAssets')
      .set({ altText })
      .where('orgId', '=', options.orgId)
      .where('id', '=', row.id)
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'media.alt_text_changed',
      target: { type: 'media', id: row.id },
    });
    const posts = await tx
      .selectFrom('postMedia')
      .select('postId')
      .where('orgId', '=', options.orgId)
      .where('mediaId', '=', row.id)
      .execute();
    return { media: mediaView({ ...row, altText }), postIds: posts.map((p) => p.postId) };
  });
}

/** One stored image's bytes, for the composer's preview; another organization's answers 404. */
export async function readMedia(
  db: DbOrTx,
  options: { orgId: string; mediaId: string; store: MediaStore },
): Promise<{ bytes: Uint8Array; mimeType: MediaView['mimeType'] }> {
  const row = await db
    .selectFrom('mediaAssets')
    .select(['storageKey', 'mimeType'])
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.mediaId)
    .executeTakeFirst();
  if (!row) throw notFound('The image');
  return { bytes: await options.store.get(row.storageKey), mimeType: row.mimeType };
}

/** The images of a post in order, with their bytes: what dispatch hands to a connector's publish. */
export async function readPostMedia(
  db: DbOrTx,
  store: MediaStore,
  options: { orgId: string; postId: string },
): Promise<
  { mediaId: string; bytes: Uint8Array; mimeType: MediaView['mimeType']; altText: string }[]
> {
  const rows = await db
    .selectFrom('postMedia')
    .innerJoin('mediaAssets', 'mediaAssets.id', 'postMedia.mediaId')
    .select([
      'mediaAssets.id',
      'mediaAssets.storageKey',
      'mediaAssets.mimeType',
      'mediaAssets.altText',
    ])
    .where('postMedia.orgId', '=', options.orgId)
    .where('postMedia.postId', '=', options.postId)
    .orderBy('postMedia.position')
    .execute();
  const out = [];
  for (const row of rows)
    out.push({
      mediaId: row.id,
      bytes: await store.get(row.storageKey),
      mimeType: row.mimeType,
      altText: row.altText,
    });
  return out;
}
