import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { networkEndpoints } from '../network-endpoints.js';
import { approveOnFake, caught } from '../test-support/caught.js';
import { useLoopbackOnlyNetwork } from '../test-support/loopback-only.js';
import { startFacebookFake, type FacebookFake } from '../test-support/meta-fake.js';
import { testPng } from '../test-support/test-image.js';
import { createFacebookConnector, type FacebookConnector } from './facebook-connector.js';

describe('Facebook Pages connector against the Graph API contract fake', () => {
  useLoopbackOnlyNetwork();
  let fake: FacebookFake;
  let facebook: FacebookConnector;
  beforeEach(async () => {
    fake = await startFacebookFake();
    facebook = createFacebookConnector({
      endpoints: networkEndpoints(fake.endpoints).meta,
      client: fake.client,
      timeoutMs: 1_500,
    });
  });
  afterEach(async () => fake.close());

  it('Facebook Login: code → long-lived token → the Pages to choose from, each with its Page token', async () => {
    const redirectUri = 'http://localhost:3000/settings/channels/facebook/callback';
    const start = await facebook.authorize.start({ redirectUri });
    expect(new URL(start.url).searchParams.get('scope')).toContain('pages_manage_posts');
    const callback = await approveOnFake(start.url);
    expect(callback.searchParams.get('state')).toBe(start.state);
    const pages = await facebook.authorize.finish({
      redirectUri,
      code: callback.searchParams.get('code') ?? '',
      codeVerifier: undefined,
    });
    expect(pages.map((p) => p.account.displayName)).toEqual([
      'Main Street Clinic',
      'Main Street Clinic — Eastside',
    ]);
    expect(pages[0]?.credentials).toEqual(fake.credentials);
    const tokenCalls = fake.requests.filter((r) => r.path.endsWith('/oauth/access_token'));
    expect(tokenCalls.map((r) => r.query.get('grant_type'))).toEqual([null, 'fb_exchange_token']);
  });

  it('a used code is refused, and the secret never appears in the reason', async () => {
    const redirectUri = 'http://localhost:3000/cb';
    const start = await facebook.authorize.start({ redirectUri });
    const code = (await approveOnFake(start.url)).searchParams.get('code') ?? '';
    await facebook.authorize.finish({ redirectUri, code, codeVerifier: undefined });
    const error = await caught(
      facebook.authorize.finish({ redirectUri, code, codeVerifier: undefined }),
    );
    expect(error.kind).toBe('content_rejected');
    expect(error.message).not.toContain(fake.client.clientSecret);
  });

  it('publishes text, and text with images uploaded unpublished then attached', async () => {
    const plain = await facebook.publish(fake.credentials, {
      text: 'Open Saturday',
      idempotencyKey: 'a',
    });
    expect(plain.remoteId).toMatch(/^\d+_\d+$/);
    expect(plain.url).toBe(`https://www.facebook.com/${plain.remoteId}`);
    await facebook.publish(fake.credentials, {
      text: 'New waiting room',
      media: [
        { bytes: testPng(), mimeType: 'image/png', altText: 'Chairs' },
        { bytes: testPng(), mimeType: 'image/png', altText: 'Plants' },
      ],
      idempotencyKey: 'b',
    });
    expect(fake.posts().map((p) => [p.text, p.mediaCount])).toEqual([
      ['Open Saturday', 0],
      ['New waiting room', 2],
    ]);
    const uploads = fake.requests.filter((r) => r.path.endsWith('/photos'));
    expect(uploads).toHaveLength(2);
    expect(uploads[0]?.body).toContain('name="published"\r\n\r\nfalse');
    await expect(facebook.fetchMetrics(fake.credentials, plain.remoteId)).resolves.toEqual({
      likes: 5,
      reposts: 1,
      replies: 3,
      quotes: undefined,
    });
  });

  it('an expired or revoked Page token (code 190) is reconnect_needed', async () => {
    fake.expireToken();
    const error = await caught(
      facebook.publish(fake.credentials, { text: 'x', idempotencyKey: 'k' }),
    );
    expect(error).toMatchObject({ kind: 'reconnect_needed', status: 400 });
    expect(error.reason).toContain('Session has expired');
    await expect(facebook.validate(fake.credentials)).rejects.toMatchObject({
      kind: 'reconnect_needed',
    });
  });

  it('throttling (code 32) is rate_limited, the wait read from X-Business-Use-Case-Usage', async () => {
    fake.failNext(fake.publishRoute, fake.replies.rateLimited(900));
    const error = await caught(
      facebook.publish(fake.credentials, { text: 'x', idempotencyKey: 'k' }),
    );
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 900 });
    fake.failNext(fake.publishRoute, {
      status: 403,
      headers: { 'x-app-usage': '{"call_count":100,"total_cputime":40,"total_time":60}' },
      body: {
        error: {
          message: '(#4) Application request limit reached',
          type: 'OAuthException',
          code: 4,
        },
      },
    });
    await expect(
      facebook.publish(fake.credentials, { text: 'x', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 600,
    });
  });

  it("content_rejected with Facebook's words: duplicate (506), empty post, missing permission is reconnect", async () => {
    await facebook.publish(fake.credentials, { text: 'Same', idempotencyKey: 'a' });
    await expect(
      facebook.publish(fake.credentials, { text: 'Same', idempotencyKey: 'b' }),
    ).rejects.toMatchObject({
      kind: 'content_rejected',
      reason: 'This status update is identical to the last one you posted.',
    });
    await expect(
      facebook.publish(fake.credentials, { text: '', idempotencyKey: 'c' }),
    ).rejects.toMatchObject({
      kind: 'content_rejected',
      reason: 'The post is empty.',
    });
    fake.failNext(fake.publishRoute, {
      status: 403,
      body: {
        error: {
          message: '(#200) The user hasn’t authorized the application to perform this action',
          type: 'OAuthException',
          code: 200,
        },
      },
    });
    await expect(
      facebook.publish(fake.credentials, { text: 'y', idempotencyKey: 'd' }),
    ).rejects.toMatchObject({
      kind: 'reconnect_needed',
      reason: expect.stringContaining('permission'),
    });
  });

  it('5xx (is_transient), an HTML page and a timeout are transient; findRecent then finds the post', async () => {
    fake.failNext(fake.publishRoute, fake.replies.serverError());
    await expect(
      facebook.publish(fake.credentials, { text: 'x', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'transient',
      status: 500,
    });
    fake.failNext(fake.publishRoute, { status: 502, body: '<html>Bad gateway</html>' });
    await expect(
      facebook.publish(fake.credentials, { text: 'x', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'transient',
      status: 502,
    });
    const since = new Date();
    fake.delay(fake.publishRoute, 2_500);
    await expect(
      facebook.publish(fake.credentials, {
        text: 'Slow post https://example.com/a',
        idempotencyKey: 'k',
      }),
    ).rejects.toMatchObject({ kind: 'transient', reason: 'Facebook did not answer in time.' });
    const found = await facebook.findRecent(fake.credentials, {
      since,
      text: 'Slow post https://example.com/a',
    });
    expect(found?.remoteId).toBe(fake.posts()[0]?.id);
    expect(fake.publishCount()).toBe(1);
  });

  it('deletes, and a post already gone counts as deleted', async () => {
    const post = await facebook.publish(fake.credentials, { text: 'Bye', idempotencyKey: 'k' });
    await facebook.delete(fake.credentials, post.remoteId);
    expect(fake.posts()).toEqual([]);
    await expect(facebook.delete(fake.credentials, post.remoteId)).resolves.toBeUndefined();
  });
});
