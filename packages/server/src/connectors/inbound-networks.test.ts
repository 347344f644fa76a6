import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFacebookConnector } from './facebook/facebook-connector.js';
import { facebookInbound } from './facebook/facebook-inbound.js';
import { createGoogleBusinessConnector } from './google-business/google-business-connector.js';
import { googleBusinessInbound } from './google-business/google-business-inbound.js';
import { createInstagramConnector } from './instagram/instagram-connector.js';
import { instagramInbound } from './instagram/instagram-inbound.js';
import { createLinkedInConnector } from './linkedin/linkedin-connector.js';
import { linkedInInbound } from './linkedin/linkedin-inbound.js';
import { networkEndpoints } from './network-endpoints.js';
import {
  startGoogleBusinessFake,
  type GoogleBusinessFake,
} from './test-support/google-business-fake.js';
import { startLinkedInFake, type LinkedInFake } from './test-support/linkedin-fake.js';
import { useLoopbackOnlyNetwork } from './test-support/loopback-only.js';
import { startMediaHost, type MediaHost } from './test-support/media-host.js';
import {
  startFacebookFake,
  startInstagramFake,
  type FacebookFake,
  type InstagramFake,
} from './test-support/meta-fake.js';
import { testPng } from './test-support/test-image.js';
import { startXFake, type XFake } from './test-support/x-fake.js';
import { createXConnector } from './x/x-connector.js';
import { xInbound } from './x/x-inbound.js';

describe('inbound sources: reviews, comments and mentions from the contract fakes', () => {
  useLoopbackOnlyNetwork();
  let x: XFake;
  let fb: FacebookFake;
  let ig: InstagramFake;
  let li: LinkedInFake;
  let g: GoogleBusinessFake;
  /** Serves the image the Instagram fake downloads, as Instagram does. */
  let media: MediaHost;
  beforeAll(async () => {
    [x, fb, ig, li, g, media] = await Promise.all([
      startXFake(),
      startFacebookFake(),
      startInstagramFake(),
      startLinkedInFake(),
      startGoogleBusinessFake(),
      startMediaHost(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([x, fb, ig, li, g, media].map((fake) => fake?.close()));
  });
  const options = <E>(endpoints: E, client: { clientId: string; clientSecret: string }) => ({
    endpoints,
    client,
    timeoutMs: 3_000,
  });

  it('Google reviews: newest first on the first poll, only new or edited ones after; updateReply and deleteReply', async () => {
    const inbound = googleBusinessInbound(
      createGoogleBusinessConnector(options(networkEndpoints(g.endpoints).google, g.client)),
    );
    g.addReview({ starRating: 'TWO', comment: 'The wait was long', reviewer: 'Sam Q.' });
    g.addReview({ starRating: 'FIVE', comment: 'Lovely staff', reviewer: 'Ana P.' });
    const first = await inbound.fetchSince(g.credentials, { cursor: null, limit: 50 });
    expect(first.items.map((i) => [i.kind, i.rating, i.text])).toEqual([
      ['review', 2, 'The wait was long'],
      ['review', 5, 'Lovely staff'],
    ]);
    expect(first.items[0]?.externalId).toMatch(/^accounts\/\d+\/locations\/9001\/reviews\/r\d+$/);
    const again = await inbound.fetchSince(g.credentials, { cursor: first.cursor, limit: 50 });
    expect(again).toEqual({ items: [], cursor: first.cursor, hasMore: false });
    g.addReview({ starRating: 'ONE', comment: 'Billing mix-up', reviewer: 'Lee R.' });
    const next = await inbound.fetchSince(g.credentials, { cursor: first.cursor, limit: 50 });
    expect(next.items.map((i) => i.text)).toEqual(['Billing mix-up']);

    const review = first.items[0];
    await inbound.reply(g.credentials, {
      externalId: review?.externalId ?? '',
      replyRef: review?.replyRef ?? null,
      text: 'Thank you for the feedback; please call our office manager.',
      idempotencyKey: 'r1',
    });
    expect(g.reviews().find((r) => r.comment === 'The wait was long')?.reply?.comment).toContain(
      'office manager',
    );
    await inbound.deleteReply(g.credentials, review?.externalId ?? '');
    await inbound.deleteReply(g.credentials, review?.externalId ?? '');
    expect(g.reviews().find((r) => r.comment === 'The wait was long')?.reply).toBeUndefined();
    await expect(
      inbound.reply(g.credentials, {
        externalId: 'accounts/1/locations/2/reviews/3/../../x',
        replyRef: null,
        text: 'x',
        idempotencyKey: 'k',
      }),
    ).rejects.toMatchObject({ kind: 'content_rejected' });
    await expect(
      inbound.reply(g.credentials, {
        externalId: review?.externalId ?? '',
        replyRef: null,
        text: 'é'.repeat(2049),
        idempotencyKey: 'k',
      }),
    ).rejects.toMatchObject({ kind: 'content_rejected', reason: expect.stringContaining('4,096') });
    g.failNext('GET /v4/accounts/:a/locations/:l/reviews', g.replies.rateLimited(30));
    await expect(
      inbound.fetchSince(g.credentials, { cursor: null, limit: 5 }),
    ).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 30,
    });
  });

  it('X mentions: since_id as the cursor, oldest first; a reply is a post in reply to the mention', async () => {
    const inbound = xInbound(createXConnector(options(networkEndpoints(x.endpoints).x, x.client)));
    x.addMention('@mainstclinic thanks for fitting me in');
    x.addMention('@mainstclinic the parking is confusing');
    const first = await inbound.fetchSince(x.credentials, { cursor: null, limit: 20 });
    expect(first.items.map((i) => i.text)).toEqual([
      '@mainstclinic thanks for fitting me in',
      '@mainstclinic the parking is confusing',
    ]);
    expect(first.items[0]).toMatchObject({ kind: 'mention', authorHandle: '@user1234' });
    expect(first.cursor).toBe(first.items[1]?.externalId);
    expect(
      (await inbound.fetchSince(x.credentials, { cursor: first.cursor, limit: 20 })).items,
    ).toEqual([]);
    const reply = await inbound.reply(x.credentials, {
      externalId: first.items[1]?.externalId ?? '',
      replyRef: first.items[1]?.replyRef ?? null,
      text: 'Thanks for telling us; signs are going up this week.',
      idempotencyKey: 'k',
    });
    const sent = x.requests.filter((r) => r.path === '/2/tweets').at(-1);
    expect(JSON.parse(sent?.body ?? '{}').reply).toEqual({
      in_reply_to_tweet_id: first.items[1]?.externalId,
    });
    expect(reply.url).toContain('/status/');
    x.expireToken();
    await expect(
      inbound.fetchSince({ ...x.credentials, refreshToken: undefined }, { cursor: null, limit: 5 }),
    ).rejects.toMatchObject({ kind: 'reconnect_needed' });
  });

  it('Facebook Page comments (and replies to them), with their post as the thread; reply is a comment on the comment', async () => {
    const facebook = createFacebookConnector(
      options(networkEndpoints(fb.endpoints).meta, fb.client),
    );
    const inbound = facebookInbound(facebook);
    const post = await facebook.publish(fb.credentials, {
      text: 'Open Saturday',
      idempotencyKey: 'k',
    });
    const top = fb.addComment(post.remoteId, 'Do you take walk-ins?');
    fb.addComment(post.remoteId, 'Same question', { parent: top, author: 'Jo' });
    const first = await inbound.fetchSince(fb.credentials, { cursor: null, limit: 50 });
    expect(first.items.map((i) => [i.text, i.parentExternalId, i.threadExternalId])).toEqual([
      ['Do you take walk-ins?', post.remoteId, post.remoteId],
      ['Same question', top, post.remoteId],
    ]);
    // A comment in the same second as the cursor is still found next time, and none comes twice.
    fb.addComment(post.remoteId, 'And on Sunday?');
    const next = await inbound.fetchSince(fb.credentials, { cursor: first.cursor, limit: 50 });
    expect(next.items.map((i) => i.text)).toEqual(['And on Sunday?']);
    await inbound.reply(fb.credentials, {
      externalId: top,
      replyRef: top,
      text: 'Yes, until noon.',
      idempotencyKey: 'k',
    });
    expect(fb.receivedReplies()).toEqual([{ to: top, message: 'Yes, until noon.' }]);
  });

  it('Instagram comments on the latest media and posts that tag the account; replies go to /replies or /mentions', async () => {
    const instagram = createInstagramConnector({
      ...options(networkEndpoints(ig.endpoints).meta, ig.client),
      containerPollMs: 5,
    });
    const inbound = instagramInbound(instagram);
    const post = await instagram.publish(ig.credentials, {
      text: 'New chairs',
      media: [
        {
          bytes: testPng(),
          mimeType: 'image/jpeg',
          altText: 'Chairs',
          publicUrl: media.serve('c.jpg', testPng()),
        },
      ],
      idempotencyKey: 'k',
    });
    const comment = ig.addComment(post.remoteId, 'So comfy!', { author: 'pat.example' });
    const tag = ig.addTag('Great visit at @mainstclinic');
    const page = await inbound.fetchSince(ig.credentials, { cursor: null, limit: 50 });
    expect(page.items.map((i) => [i.kind, i.text])).toEqual(
      expect.arrayContaining([
        ['comment', 'So comfy!'],
        ['mention', 'Great visit at @mainstclinic'],
      ]),
    );
    for (const item of page.items)
      await inbound.reply(ig.credentials, {
        externalId: item.externalId,
        replyRef: item.replyRef,
        text: `Thanks ${item.kind}`,
        idempotencyKey: 'k',
      });
    expect(ig.receivedReplies()).toEqual(
      expect.arrayContaining([
        { to: comment, message: 'Thanks comment' },
        { to: tag, message: 'Thanks mention' },
      ]),
    );
  });

  it('LinkedIn comments on the organization’s posts; a reply is a comment on the comment, as the organization', async () => {
    const linkedin = createLinkedInConnector(
      options(networkEndpoints(li.endpoints).linkedin, li.client),
    );
    const inbound = linkedInInbound(linkedin);
    const post = await linkedin.publish(li.credentials, {
      text: 'We are hiring nurses',
      idempotencyKey: 'k',
    });
    li.addComment(post.remoteId, 'Is the role part-time?');
    const page = await inbound.fetchSince(li.credentials, { cursor: null, limit: 50 });
    expect(page.items).toMatchObject([
      { kind: 'comment', text: 'Is the role part-time?', threadExternalId: post.remoteId },
    ]);
    const item = page.items[0];
    const reply = await inbound.reply(li.credentials, {
      externalId: item?.externalId ?? '',
      replyRef: item?.replyRef ?? null,
      text: 'Both (full and part-time)',
      idempotencyKey: 'k',
    });
    expect(reply.remoteId).toMatch(/^urn:li:comment:/);
    expect(li.receivedReplies()).toEqual([
      { to: item?.externalId, text: 'Both \\(full and part-time\\)' },
    ]);
    li.failNext('GET /rest/posts', li.replies.serverError());
    await expect(
      inbound.fetchSince(li.credentials, { cursor: page.cursor, limit: 5 }),
    ).rejects.toMatchObject({ kind: 'transient' });
  });
});
