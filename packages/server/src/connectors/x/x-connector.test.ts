import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorError } from '../connector-error.js';
import { networkEndpoints } from '../network-endpoints.js';
import { freeLoopbackPort } from '../test-support/free-port.js';
import { useLoopbackOnlyNetwork } from '../test-support/loopback-only.js';
import { testPng } from '../test-support/test-image.js';
import { startXFake, uniqueText, type XFake } from '../test-support/x-fake.js';
import { createXConnector, type XConnector } from './x-connector.js';
import type { XCredentials } from './x-credentials.js';

const caught = (promise: Promise<unknown>): Promise<ConnectorError> =>
  promise.then(
    () => {
      throw new Error('expected a ConnectorError');
    },
    (error: ConnectorError) => error,
  );

describe('X connector against the X API v2 contract fake', () => {
  useLoopbackOnlyNetwork();
  let fake: XFake;
  let x: XConnector;
  beforeEach(async () => {
    fake = await startXFake();
    x = createXConnector({
      endpoints: networkEndpoints(fake.endpoints).x,
      client: fake.client,
      timeoutMs: 1_500,
    });
  });
  afterEach(async () => fake.close());

  it('connects through OAuth 2 with PKCE: the verifier is checked, the code works once', async () => {
    const redirectUri = 'http://localhost:3000/settings/channels/x/callback';
    const start = await x.authorize.start({ redirectUri });
    const url = new URL(start.url);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('scope')).toContain('offline.access');
    const back = await fetch(start.url, { redirect: 'manual' });
    const callback = new URL(back.headers.get('location') ?? '');
    expect(callback.searchParams.get('state')).toBe(start.state);
    const code = callback.searchParams.get('code') ?? '';

    const [connected, ...rest] = await x.authorize.finish({
      redirectUri,
      code,
      codeVerifier: start.codeVerifier,
    });
    expect(rest).toEqual([]);
    expect(connected?.account).toMatchObject({
      handle: '@mainstclinic',
      displayName: 'Main Street Clinic',
    });
    expect(connected?.credentials.refreshToken).toMatch(/^rt-/);
    expect(Date.parse(connected?.credentials.expiresAt ?? '')).toBeGreaterThan(Date.now());

    const replay = await caught(
      x.authorize.finish({ redirectUri, code, codeVerifier: start.codeVerifier }),
    );
    expect(replay).toMatchObject({ kind: 'reconnect_needed', status: 400 });
    expect(replay.reason).toContain('invalid_grant');
  });

  it('refuses a code redeemed with the wrong PKCE verifier', async () => {
    const redirectUri = 'http://localhost:3000/cb';
    const start = await x.authorize.start({ redirectUri });
    const back = await fetch(start.url, { redirect: 'manual' });
    const code = new URL(back.headers.get('location') ?? '').searchParams.get('code') ?? '';
    await expect(
      x.authorize.finish({ redirectUri, code, codeVerifier: 'a'.repeat(43) }),
    ).rejects.toMatchObject({ kind: 'reconnect_needed' });
  });

  it('publishes with an image and its alt text, and reads the counts', async () => {
    const post = await x.publish(fake.credentials, {
      text: 'Flu shots this week',
      media: [{ bytes: testPng(), mimeType: 'image/png', altText: 'A nurse with a vaccine' }],
      idempotencyKey: 't1',
    });
    expect(post.url).toBe(`https://x.com/mainstclinic/status/${post.remoteId}`);
    expect(fake.posts()).toMatchObject([{ text: 'Flu shots this week', mediaCount: 1 }]);
    const alt = fake.requests.find((r) => r.path === '/2/media/metadata');
    expect(alt?.body).toContain('A nurse with a vaccine');
    await expect(x.fetchMetrics(fake.credentials, post.remoteId)).resolves.toEqual({
      likes: 4,
      reposts: 1,
      replies: 2,
      quotes: 0,
    });
  });

  it('an expired access token is refreshed once, the rotated tokens are handed over, the post goes out once', async () => {
    fake.expireToken();
    const saved: XCredentials[] = [];
    const post = await x.publish(
      fake.credentials,
      { text: 'After refresh', idempotencyKey: 't' },
      { onRefreshed: async (next) => void saved.push(next) },
    );
    expect(post.remoteId).toBeTruthy();
    expect(fake.publishCount()).toBe(1);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.refreshToken).not.toBe(fake.credentials.refreshToken);
    // The old refresh token was rotated away: using it again means reconnecting.
    fake.expireToken();
    const error = await caught(x.validate(fake.credentials));
    expect(error).toMatchObject({ kind: 'reconnect_needed' });
    expect(error.message).not.toContain(fake.credentials.refreshToken ?? 'none');
  });

  it('refreshes ahead of time when the stored token has run out', async () => {
    const saved: XCredentials[] = [];
    const stale = { ...fake.credentials, expiresAt: new Date(Date.now() - 1000).toISOString() };
    await x.validate(stale, { onRefreshed: async (next) => void saved.push(next) });
    expect(saved).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path === '/2/oauth2/token')).toHaveLength(1);
  });

  it('without a refresh token, an expired token is reconnect_needed', async () => {
    fake.expireToken();
    await expect(
      x.publish(
        { ...fake.credentials, refreshToken: undefined },
        { text: 'x', idempotencyKey: 'k' },
      ),
    ).rejects.toMatchObject({ kind: 'reconnect_needed', status: 401 });
    expect(fake.publishCount()).toBe(0);
  });

  it('429 → rate_limited with the wait from x-rate-limit-reset; usage-capped says so', async () => {
    fake.failNext(fake.publishRoute, fake.replies.rateLimited(600));
    const error = await caught(x.publish(fake.credentials, { text: 'Hi', idempotencyKey: 'k' }));
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429 });
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(595);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(601);
    fake.failNext(fake.publishRoute, {
      status: 429,
      body: {
        title: 'UsageCapExceeded',
        detail: 'Usage cap exceeded: Monthly product cap',
        type: 'https://api.x.com/2/problems/usage-capped',
      },
    });
    await expect(
      x.publish(fake.credentials, { text: 'Hi', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'rate_limited',
      reason: expect.stringContaining('usage cap'),
      retryAfterSeconds: 60,
    });
  });

  it("content_rejected with X's reason: duplicate text, too long, no alt text (nothing sent)", async () => {
    await x.publish(fake.credentials, { text: 'Same words', idempotencyKey: 'a' });
    await expect(
      x.publish(fake.credentials, { text: 'Same words', idempotencyKey: 'b' }),
    ).rejects.toMatchObject({
      kind: 'content_rejected',
      status: 403,
      reason: 'You are not allowed to create a Tweet with duplicate content.',
    });
    await expect(
      x.publish(fake.credentials, { text: 'a'.repeat(281), idempotencyKey: 'c' }),
    ).rejects.toMatchObject({
      kind: 'content_rejected',
      status: 400,
      reason: 'Tweet text is too long.',
    });
    const before = fake.requests.length;
    await expect(
      x.publish(fake.credentials, {
        text: 'x',
        media: [{ bytes: testPng(), mimeType: 'image/png', altText: '' }],
        idempotencyKey: 'd',
      }),
    ).rejects.toMatchObject({ kind: 'content_rejected', reason: 'Every image needs alt text.' });
    expect(fake.requests.length).toBe(before);
  });

  it('5xx, garbage and an unreachable server are transient', async () => {
    fake.failNext(fake.publishRoute, fake.replies.serverError());
    await expect(
      x.publish(fake.credentials, { text: 'Hi', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'transient',
      status: 503,
    });
    fake.failNext(fake.publishRoute, { status: 201, body: '<html>oops</html>' });
    await expect(
      x.publish(fake.credentials, { text: 'Hi', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'transient',
      reason: expect.stringContaining('unreadable'),
    });
    const gone = createXConnector({
      endpoints: networkEndpoints({ xApiUrl: `http://127.0.0.1:${await freeLoopbackPort()}` }).x,
      client: fake.client,
    });
    await expect(
      gone.publish(fake.credentials, { text: 'Hi', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'transient',
      reason: 'X could not be reached.',
    });
  });

  it('a timeout is transient, and findRecent then finds the post that did arrive', async () => {
    const since = new Date();
    const text = uniqueText('Open late on Thursday https://example.com/hours');
    fake.delay(fake.publishRoute, 2_500);
    await expect(x.publish(fake.credentials, { text, idempotencyKey: 'k' })).rejects.toMatchObject({
      kind: 'transient',
      reason: 'X did not answer in time.',
    });
    const found = await x.findRecent(fake.credentials, { since, text });
    expect(found?.remoteId).toBe(fake.posts()[0]?.id);
    await expect(
      x.findRecent(fake.credentials, { since, text: 'Something else' }),
    ).resolves.toBeUndefined();
  });

  it('deletes, and a post already gone counts as deleted', async () => {
    const post = await x.publish(fake.credentials, { text: 'Bye', idempotencyKey: 'k' });
    await x.delete(fake.credentials, post.remoteId);
    expect(fake.posts()).toEqual([]);
    await expect(x.delete(fake.credentials, post.remoteId)).resolves.toBeUndefined();
  });
});
