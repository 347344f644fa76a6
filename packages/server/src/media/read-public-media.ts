import type { DbOrTx } from '../db/database.js';
import type { PostTargetStatus } from '../db/schema.js';
import { notFound } from '../errors.js';
import type { MediaStore } from './media-store.js';
import { imageForNetwork } from './network-format.js';
import type { MediaRef } from './public-media-url.js';

/**
 * While a target may still be (or has just been) fetched by its network. Canceled, deleted,
 * taken-down and failed targets no longer open their image, even through an unexpired link.
 */
const SERVING: ReadonlyArray<PostTargetStatus> = [
  'queued',
  'publishing',
  'published',
  'paused',
  'unconfirmed',
];

/**
 * The stored (metadata-free) image a signed link names, when the target still exists and is
 * live and the image is still attached to its post — in a format the target's network accepts. Every other case is one `not_found`, so a
 * link reveals nothing about why it stopped working.
 */
export async function readPublicMedia(
  db: DbOrTx,
  options: MediaRef & { store: MediaStore },
): Promise<{ bytes: Uint8Array; mimeType: string }> {
  const row = await db
    .selectFrom('postTargets')
    .innerJoin('postMedia', (join) =>
      join
        .onRef('postMedia.postId', '=', 'postTargets.postId')
        .onRef('postMedia.orgId', '=', 'postTargets.orgId'),
    )
    .innerJoin('mediaAssets', (join) =>
      join
        .onRef('mediaAssets.id', '=', 'postMedia.mediaId')
        .onRef('mediaAssets.orgId', '=', 'postMedia.orgId'),
    )
    .select(['mediaAssets.storageKey', 'mediaAssets.mimeType', 'postTargets.network'])
    .where('postTargets.id', '=', options.targetId)
    .where('postTargets.status', 'in', SERVING)
    .where('postMedia.mediaId', '=', options.mediaId)
    .executeTakeFirst();
  if (!row) throw notFound('The image');
  return imageForNetwork(row.network, {
    bytes: await options.store.get(row.storageKey),
    mimeType: row.mimeType,
  });
}
