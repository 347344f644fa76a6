import type { MediaInput, PublishedPost, PublishInput } from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import type { MastodonClient } from './mastodon-client.js';
import { mediaSchema, statusSchema } from './mastodon-schemas.js';
import { imageBlob } from '../http/image-blob.js';

/** How long to wait for the instance to finish processing an upload before giving up (transient). */
const MEDIA_POLL_ATTEMPTS = 20;
const MEDIA_POLL_INTERVAL_MS = 500;
/** Mastodon's documented maximum; instances may allow fewer (see `limits`). */
const MAX_ATTACHMENTS = 4;

/**
 * Uploads the images, then posts the status with an `Idempotency-Key`: Mastodon keeps keys for
 * an hour and answers a repeated key with the status it already created, so a retry after a
 * lost answer does not post twice (servers that ignore the header, like snac, rely on `findRecent`).
 */
export async function publishMastodonStatus(
  client: MastodonClient,
  post: PublishInput,
): Promise<PublishedPost> {
  const media = post.media ?? [];
  if (media.length > MAX_ATTACHMENTS)
    throw rejected(`Mastodon allows at most ${MAX_ATTACHMENTS} images per post.`);
  if (media.some((item) => item.altText.trim() === ''))
    throw rejected('Every image needs alt text.');

  const mediaIds: string[] = [];
  for (const item of media) mediaIds.push(await uploadMedia(client, item));

  const body: Record<string, unknown> = { status: post.text, visibility: 'public' };
  if (mediaIds.length > 0) body.media_ids = mediaIds;
  const { data } = await client.request({
    method: 'POST',
    path: '/api/v1/statuses',
    body,
    headers: { 'idempotency-key': post.idempotencyKey },
    schema: statusSchema,
    what: 'publishing the post',
  });
  return { remoteId: data.id, url: data.url ?? data.uri };
}

/** `POST /api/v2/media`; a 202 means "still processing", so wait until the attachment has a URL. */
async function uploadMedia(client: MastodonClient, item: MediaInput): Promise<string> {
  const form = new FormData();
  form.append('file', imageBlob(item), fileName(item.mimeType));
  form.append('description', item.altText);
  const uploaded = await client.request({
    method: 'POST',
    path: '/api/v2/media',
    body: form,
    schema: mediaSchema,
    what: 'uploading an image',
  });
  if (uploaded.status !== 202) return uploaded.data.id;

  for (let attempt = 0; attempt < MEDIA_POLL_ATTEMPTS; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, MEDIA_POLL_INTERVAL_MS));
    const { status, data } = await client.request({
      method: 'GET',
      path: `/api/v1/media/${encodeURIComponent(uploaded.data.id)}`,
      schema: mediaSchema,
      what: 'checking an upload',
    });
    if (status === 200 && data.url) return data.id;
  }
  throw new ConnectorError({
    network: 'mastodon',
    kind: 'transient',
    reason: 'The instance is still processing an image; try again shortly.',
  });
}

function fileName(mimeType: string): string {
  const extension = mimeType.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'bin';
  return `image.${extension}`;
}

function rejected(reason: string): ConnectorError {
  return new ConnectorError({ network: 'mastodon', kind: 'content_rejected', reason });
}
