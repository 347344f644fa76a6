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
  const { db } = deps;
  const row = await db
    .selectFrom('postVariants')
    .innerJoin('channels', 'channels.id', 'postVariants.channelId')
    .innerJoin('posts', 'posts.id', 'postVariants.postId')
    .select([
      'postVariants.publishText',
      'posts.authorId',
      'channels.id',
      'channels.status',
      'channels.network',
      'channels.serviceUrl',
      'channels.handle',
      'channels.credentialsSealed',
    ])
    .where('postVariants.orgId', '=', target.orgId)
    .where('postVariants.id', '=', target.variantId)
    .executeTakeFirst();
  if (!row) return undefined;
  const assets = await db
    .selectFrom('postMedia')
    .innerJoin('mediaAssets', 'mediaAssets.id', 'postMedia.mediaId')
    .select([
      'mediaAssets.id as mediaId',
      'mediaAssets.storageKey',
      'mediaAssets.mimeType',
      'mediaAssets.altText',
    ])
    .where('postMedia.orgId', '=', target.orgId)
    .where('postMedia.postId', '=', target.postId)
    .orderBy('postMedia.position')
    .execute();
  const media: MediaInput[] = [];
  // A fresh link per attempt, so a retry hours later still hands the network a working one.
  const links = FETCHES_BY_URL.has(row.network) ? deps.mediaLinks : undefined;
  for (const asset of assets) {
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
  return {
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
  };
}
