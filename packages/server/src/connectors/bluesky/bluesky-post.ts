import { RichText, type AppBskyFeedPost, type Agent } from '@atproto/api';
import { countCharacters, networkLimit } from '@bedside/guard';
import type { NetworkLimits, PublishInput } from '../connector.js';
import { ConnectorError } from '../connector-error.js';

/** From the `app.bsky.feed.post` and `app.bsky.embed.images` lexicons in @atproto/api 0.19.19. */
export const BLUESKY_LIMITS: NetworkLimits = {
  maxCharacters: networkLimit('bluesky'),
  counting: 'graphemes',
  maxImages: 4,
  maxImageBytes: 2_000_000,
  imageMimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
};
const MAX_TEXT_BYTES = 3000;

type PostRecord = Partial<AppBskyFeedPost.Record> & Omit<AppBskyFeedPost.Record, 'createdAt'>;

/**
 * Checks the post against the lexicon's limits before anything is uploaded (the PDS would refuse
 * it too, but only after the images went up), counting graphemes as the guard and composer do.
 */
export function checkBlueskyPost(post: PublishInput): void {
  const graphemes = countCharacters(post.text, 'bluesky');
  if (graphemes > BLUESKY_LIMITS.maxCharacters)
    throw rejected(
      `The text is ${graphemes} characters; Bluesky allows ${BLUESKY_LIMITS.maxCharacters}.`,
    );
  if (Buffer.byteLength(post.text, 'utf8') > MAX_TEXT_BYTES)
    throw rejected(`The text is longer than Bluesky's ${MAX_TEXT_BYTES} bytes.`);
  const media = post.media ?? [];
  if (media.length > BLUESKY_LIMITS.maxImages)
    throw rejected(`Bluesky allows at most ${BLUESKY_LIMITS.maxImages} images per post.`);
  for (const item of media) {
    if (!item.mimeType.startsWith('image/'))
      throw rejected(`Bluesky posts take images only, not ${item.mimeType}.`);
    if (item.bytes.byteLength > BLUESKY_LIMITS.maxImageBytes)
      throw rejected("An image is larger than Bluesky's 2 MB.");
    if (item.altText.trim() === '') throw rejected('Every image needs alt text.');
  }
}

/**
 * The post record: links, mentions and hashtags as facets (UTF-8 byte offsets, which
 * `RichText.detectFacets` computes; mentions are resolved to DIDs through the PDS), and the
 * images uploaded as blobs with their alt text.
 */
export async function buildBlueskyPost(agent: Agent, post: PublishInput): Promise<PostRecord> {
  const richText = new RichText({ text: post.text });
  await richText.detectFacets(agent);
  const record: PostRecord = { $type: 'app.bsky.feed.post', text: richText.text };
  if (richText.facets?.length) record.facets = richText.facets;

  const images = [];
  for (const item of post.media ?? []) {
    const { data } = await agent.uploadBlob(item.bytes, { encoding: item.mimeType });
    images.push({ image: data.blob, alt: item.altText });
  }
  if (images.length > 0) record.embed = { $type: 'app.bsky.embed.images', images };
  return record;
}

function rejected(reason: string): ConnectorError {
  return new ConnectorError({ network: 'bluesky', kind: 'content_rejected', reason });
}
