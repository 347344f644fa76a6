import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MediaInput } from '../connector.js';
import { networkEndpoints } from '../network-endpoints.js';
import { approveOnFake, caught } from '../test-support/caught.js';
import { useLoopbackOnlyNetwork } from '../test-support/loopback-only.js';
import { startMediaHost, type MediaHost } from '../test-support/media-host.js';
import {
  INSTAGRAM_DAILY_POSTS,
  startInstagramFake,
  type InstagramFake,
} from '../test-support/meta-fake.js';
import { testPng } from '../test-support/test-image.js';
import { createInstagramConnector, type InstagramConnector } from './instagram-connector.js';

let host: MediaHost;
let jpeg: Uint8Array;
beforeAll(async () => {
  host = await startMediaHost();
  jpeg = new Uint8Array(
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#4a90d9' } })
      .jpeg()
      .toBuffer(),
  );
});
afterAll(async () => host?.close());

/** An image with a URL the fake really downloads, as Instagram does (on a loopback host). */
const image = (name = 'a'): MediaInput => ({
  bytes: jpeg,
  mimeType: 'image/jpeg',
  altText: `Photo ${name}`,
  publicUrl: host.serve(`${name}.jpg`, jpeg),
});

describe('Instagram connector against the Graph API contract fake', () => {
  useLoopbackOnlyNetwork();
  let fake: InstagramFake;
  let instagram: InstagramConnector;
  beforeEach(async () => {
    fake = await startInstagramFake();
    instagram = createInstagramConnector({
      endpoints: networkEndpoints(fake.endpoints).meta,
      client: fake.client,
      timeoutMs: 1_500,
      containerPollMs: 5,
    });
  });
  afterEach(async () => fake.close());

  it('Facebook Login lists only Pages that have an Instagram professional account', async () => {
    const redirectUri = 'http://localhost:3000/cb';
    const start = await instagram.authorize.start({ redirectUri });
    expect(new URL(start.url).searchParams.get('scope')).toContain('instagram_content_publish');
    const callback = await approveOnFake(start.url);
    const accounts = await instagram.authorize.finish({
      redirectUri,
      code: callback.searchParams.get('code') ?? '',
      codeVerifier: undefined,
    });
    expect(accounts.map((a) => a.account.handle)).toEqual(['@mainstclinic']);
    expect(accounts[0]?.credentials).toEqual(fake.credentials);
  });

  it('container → status (IN_PROGRESS, FINISHED) → media_publish, with the caption and alt text', async () => {
    const post = await instagram.publish(fake.credentials, {
      text: 'Flu shots #health',
      media: [image()],
      idempotencyKey: 'k',
    });
    expect(post.url).toBe(`https://www.instagram.com/p/${post.remoteId}/`);
    const paths = fake.requests.map((r) => `${r.method} ${r.path.replace(/\d{5,}/g, ':id')}`);
    expect(paths).toEqual([
      'GET /v23.0/:id/content_publishing_limit',
      'POST /v23.0/:id/media',
      'GET /v23.0/:id',
      'GET /v23.0/:id',
      'POST /v23.0/:id/media_publish',
      'GET /v23.0/:id',
    ]);
    expect(fake.requests[1]?.body).toContain('alt_text=Photo+a');
    await expect(instagram.fetchMetrics(fake.credentials, post.remoteId)).resolves.toMatchObject({
      likes: 7,
      replies: 2,
    });
  });

  it('several images become a carousel', async () => {
    await instagram.publish(fake.credentials, {
      text: 'Tour',
      media: [image('a'), image('b')],
      idempotencyKey: 'k',
    });
    expect(fake.posts()).toMatchObject([{ text: 'Tour', mediaCount: 2 }]);
  });

  it('Instagram downloads each image from its public URL when the container is made', async () => {
    await instagram.publish(fake.credentials, {
      text: 'Our new waiting room',
      media: [image('room')],
      idempotencyKey: 'k',
    });
    const [fetched, ...more] = fake.mediaFetches();
    expect(more).toEqual([]);
    expect(fetched).toMatchObject({ ok: true, contentType: 'image/jpeg' });
    expect(fetched?.ok && new Uint8Array(fetched.bytes)).toEqual(jpeg);
    expect(fake.posts()).toMatchObject([{ text: 'Our new waiting room', mediaCount: 1 }]);
  });

  it('an image URL Instagram cannot download (404, unreachable, not a JPEG) is content_rejected and says why', async () => {
    const closed = await startMediaHost();
    const unreachable = closed.serve('gone.jpg', jpeg);
    await closed.close();
    const cases: [string, RegExp][] = [
      [host.missing('a.jpg'), /could not be fetched from this URI \(HTTP 404\)/],
      [unreachable, /could not be fetched from this URI \(unreachable/],
      [host.serve('page.jpg', new TextEncoder().encode('<html>'), 'text/html'), /not an image/],
      [host.serve('photo.png', testPng(), 'image/png'), /Only JPEG images/],
      ['ftp://media.example/a.jpg', /not an http\(s\) URL/],
    ];
    for (const [publicUrl, reason] of cases)
      await expect(
        instagram.publish(fake.credentials, {
          text: 'x',
          media: [{ ...image(), publicUrl }],
          idempotencyKey: 'k',
        }),
        publicUrl,
      ).rejects.toMatchObject({
        kind: 'content_rejected',
        reason: expect.stringMatching(reason),
      });
    const error = await caught(
      instagram.publish(fake.credentials, {
        text: 'x',
        media: [{ ...image(), publicUrl: host.missing('b.jpg') }],
        idempotencyKey: 'k',
      }),
    );
    expect(error.reason).toMatch(
      /^Instagram could not download the image from Bedside: .*BEDSIDE_MEDIA_PUBLIC_URL/,
    );
    expect(fake.publishCount()).toBe(0);
    expect(fake.requests.some((r) => r.path.endsWith('/media_publish'))).toBe(false);
  });

  it('no image, no public address, no alt text: content_rejected before anything is sent', async () => {
    for (const media of [
      [],
      [{ ...image(), publicUrl: undefined }],
      [{ ...image(), altText: ' ' }],
    ])
      await expect(
        instagram.publish(fake.credentials, { text: 'x', media, idempotencyKey: 'k' }),
      ).rejects.toMatchObject({ kind: 'content_rejected' });
    expect(fake.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('a container that ends in ERROR and a caption Instagram refuses are content_rejected with its reason', async () => {
    await expect(
      instagram.publish(fake.credentials, {
        text: 'x',
        media: [{ ...image(), publicUrl: host.serve('broken.jpg', jpeg) }],
        idempotencyKey: 'k',
      }),
    ).rejects.toMatchObject({
      kind: 'content_rejected',
      reason: expect.stringContaining('could not use the image'),
    });
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ');
    await expect(
      instagram.publish(fake.credentials, { text: tags, media: [image()], idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'content_rejected',
      reason: 'The caption has more than 30 hashtags.',
    });
    expect(fake.publishCount()).toBe(0);
  });

  it('the 50-posts-a-day limit: rate_limited until the oldest post in the window turns 24 hours old', async () => {
    fake.usePublishingQuota(INSTAGRAM_DAILY_POSTS, 20);
    const error = await caught(
      instagram.publish(fake.credentials, {
        text: 'One more',
        media: [image()],
        idempotencyKey: 'k',
      }),
    );
    expect(error).toMatchObject({ kind: 'rate_limited' });
    expect(error.retryAfterSeconds).toBeGreaterThan(4 * 3600 - 60);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(4 * 3600);
    expect(fake.requests.some((r) => r.path.endsWith('/media_publish'))).toBe(false);
  });

  it('the fake refuses the 51st post itself (code 9 / 2207042) and the connector maps it to rate_limited', async () => {
    fake.usePublishingQuota(INSTAGRAM_DAILY_POSTS - 1);
    await instagram.publish(fake.credentials, {
      text: 'Fiftieth',
      media: [image()],
      idempotencyKey: 'a',
    });
    // Another client published meanwhile: the quota check passed, media_publish refuses.
    fake.failNext(`GET /v23.0/:id/content_publishing_limit`, {
      status: 200,
      body: { data: [{ quota_usage: 0, config: { quota_total: 50, quota_duration: 86400 } }] },
    });
    const error = await caught(
      instagram.publish(fake.credentials, {
        text: 'Fifty-first',
        media: [image()],
        idempotencyKey: 'b',
      }),
    );
    expect(error).toMatchObject({ kind: 'rate_limited', status: 400, retryAfterSeconds: 3600 });
    expect(fake.publishCount()).toBe(1);
  });

  it('expired token → reconnect_needed; throttling → rate_limited; 5xx and timeouts → transient', async () => {
    fake.failNext(fake.publishRoute, fake.replies.rateLimited(120));
    await expect(
      instagram.publish(fake.credentials, { text: 'a', media: [image()], idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 120,
    });
    fake.failNext(fake.publishRoute, fake.replies.serverError());
    await expect(
      instagram.publish(fake.credentials, { text: 'b', media: [image()], idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'transient',
    });
    const since = new Date();
    fake.delay(fake.publishRoute, 2_500);
    await expect(
      instagram.publish(fake.credentials, { text: 'Late', media: [image()], idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'transient',
      reason: 'Instagram did not answer in time.',
    });
    await expect(
      instagram.findRecent(fake.credentials, { since, text: 'Late' }),
    ).resolves.toMatchObject({
      remoteId: fake.posts()[0]?.id,
    });
    fake.expireToken();
    await expect(instagram.validate(fake.credentials)).rejects.toMatchObject({
      kind: 'reconnect_needed',
    });
  });

  it('delete is not offered by Instagram: content_rejected telling the person to remove it by hand', async () => {
    await expect(instagram.delete(fake.credentials, '123')).rejects.toMatchObject({
      kind: 'content_rejected',
      status: 405,
      reason: expect.stringContaining('Instagram app'),
    });
  });
});
