import type { ChannelNetwork, ChannelRow, PostTargetRow } from '../../db/schema.js';
import type { DispatchDeps, MediaInput } from './dispatch-deps.js';

export interface TargetContext {
  channel: Pick<
    ChannelRow,
    'id' | 'status' | 'network' | 'serviceUrl' | 'handle' | 'credentialsSealed'
  >;
  text: string;
  media: MediaInput[];
  authorId: string;
}

/** Networks that download a post's images from a link instead of taking uploads. */
const FETCHES_BY_URL: ReadonlySet<ChannelNetwork> = new Set(['instagram', 'gbp']);

/** The channel, text and images one target publishes; undefined when the channel or variant is gone. */
export async function loadTargetContext(
  deps: DispatchDeps,
  target: PostTargetRow,
): Promise<TargetContext | undefined> {
  return (await loadTargetContexts(deps, [target])).get(target.id);
}

/**
 * `loadTargetContext` for a whole claim in one read (variants with their channels, posts and
 * images), however many targets it holds. Every row is matched on the target's own organization
 * as well as its id.
 */
export async function loadTargetContexts(
  deps: DispatchDeps,
  targets: PostTargetRow[],
): Promise<Map<string, TargetContext>> {
  const contexts = new Map<string, TargetContext>();
  if (targets.length === 0) return contexts;
  const { db } = deps;
  const rows = await db
    .selectFrom('postVariants')
    .innerJoin('channels', 'channels.id', 'postVariants.channelId')
    .innerJoin('posts', 'posts.id', 'postVariants.postId')
    .leftJoin('postMedia', (join) =>
      join
        .onRef('postMedia.postId', '=', 'postVariants.postId')
        .onRef('postMedia.orgId', '=', 'postVariants.orgId'),
    )
    .leftJoin('mediaAssets', 'mediaAssets.id', 'postMedia.mediaId')
    .select([
      'postVariants.id as variantId',
      'postVariants.orgId',
      'postVariants.postId',
      'postVariants.publishText',
      'posts.authorId',
      'channels.id',
      'channels.status',
      'channels.network',
      'channels.serviceUrl',
      'channels.handle',
      'channels.credentialsSealed',
      'mediaAssets.id as mediaId',
      'mediaAssets.storageKey',
      'mediaAssets.mimeType',
      'mediaAssets.altText',
    ])
    .where('postVariants.orgId', 'in', unique(targets.map((t) => t.orgId)))
    .where('postVariants.id', 'in', unique(targets.map((t) => t.variantId)))
    .orderBy('postMedia.position')
    .execute();
  // One row per variant and image (one with no image columns for a post without images).
  const variants = new Map<string, (typeof rows)[number]>();
  const assets = new Map<string, StoredImage[]>();
  for (const row of rows) {
    if (!variants.has(row.variantId)) variants.set(row.variantId, row);
    if (row.mediaId === null || row.storageKey === null || row.mimeType === null) continue;
    const list = assets.get(row.variantId) ?? [];
    list.push({
      mediaId: row.mediaId,
      storageKey: row.storageKey,
      mimeType: row.mimeType,
      altText: row.altText ?? '',
    });
    assets.set(row.variantId, list);
  }
  for (const target of targets) {
    const row = variants.get(target.variantId);
    if (!row || row.orgId !== target.orgId || row.postId !== target.postId) continue;
    const media: MediaInput[] = [];
    // A fresh link per attempt, so a retry hours later still hands the network a working one.
    const links = FETCHES_BY_URL.has(row.network) ? deps.mediaLinks : undefined;
    for (const asset of assets.get(target.variantId) ?? []) {
      if (!deps.loadMedia) throw new Error('No media store is configured for dispatch');
      media.push({
        bytes: await deps.loadMedia({ orgId: target.orgId, storageKey: asset.storageKey }),
        mimeType: asset.mimeType,
        altText: asset.altText,
        ...(links && {
          publicUrl: links.urlFor({ targetId: target.id, mediaId: asset.mediaId }, deps.now?.()),
        }),
      });
    }
    contexts.set(target.id, {
      channel: {
        id: row.id,
        status: row.status,
        network: row.network,
        serviceUrl: row.serviceUrl,
        handle: row.handle,
        credentialsSealed: row.credentialsSealed,
      },
      text: row.publishText,
      media,
      authorId: row.authorId,
    });
  }
  return contexts;
}

interface StoredImage {
  mediaId: string;
  storageKey: string;
  mimeType: string;
  altText: string;
}

const unique = (values: string[]): string[] => [...new Set(values)];
