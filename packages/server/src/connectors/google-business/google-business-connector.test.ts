import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { networkEndpoints } from '../network-endpoints.js';
import { approveOnFake, caught } from '../test-support/caught.js';
import {
  startGoogleBusinessFake,
  type GoogleBusinessFake,
} from '../test-support/google-business-fake.js';
import { useLoopbackOnlyNetwork } from '../test-support/loopback-only.js';
import { startMediaHost, type MediaHost } from '../test-support/media-host.js';
import { testPng } from '../test-support/test-image.js';
import {
  createGoogleBusinessConnector,
  type GoogleBusinessConnector,
} from './google-business-connector.js';
import type { GoogleBusinessCredentials } from './google-credentials.js';

describe('Google Business Profile connector against the contract fake', () => {
  useLoopbackOnlyNetwork();
  let fake: GoogleBusinessFake;
  let google: GoogleBusinessConnector;
  let host: MediaHost;
  beforeAll(async () => {
    host = await startMediaHost();
  });
  afterAll(async () => host?.close());
  beforeEach(async () => {
    fake = await startGoogleBusinessFake();
    google = createGoogleBusinessConnector({
      endpoints: networkEndpoints(fake.endpoints).google,
      client: fake.client,
      timeoutMs: 1_500,
    });
  });
  afterEach(async () => fake.close());

  it('Google OAuth (offline, PKCE) → accounts → the locations to choose from', async () => {
    const redirectUri = 'http://localhost:3000/cb';
    const start = await google.authorize.start({ redirectUri });
    const params = new URL(start.url).searchParams;
    expect(params.get('access_type')).toBe('offline');
    expect(params.get('scope')).toBe('https://www.googleapis.com/auth/business.manage');
    const code = (await approveOnFake(start.url)).searchParams.get('code') ?? '';
    const locations = await google.authorize.finish({
      redirectUri,
      code,
      codeVerifier: start.codeVerifier,
    });
    expect(locations.map((l) => l.account)).toMatchObject([
      { id: 'accounts/108000000000000000001/locations/9001', displayName: 'Main Street Clinic' },
      {
        id: 'accounts/108000000000000000001/locations/9002',
        displayName: 'Main Street Clinic Eastside',
      },
    ]);
    expect(locations[1]?.credentials).toMatchObject({
      locationName: 'locations/9002',
      refreshToken: expect.stringMatching(/^rt-/),
    });
    const token = fake.requests.find((r) => r.path === '/token');
    expect(token?.body).toContain('client_secret=');
    expect(token?.body).toContain('code_verifier=');
  });

  it('publishes a STANDARD local post with a photo Google downloads from its public address', async () => {
    const publicUrl = host.serve('a.png', testPng(), 'image/png');
    const post = await google.publish(fake.credentials, {
      text: 'Flu shots this week',
      media: [{ bytes: testPng(), mimeType: 'image/png', altText: 'Vaccine', publicUrl }],
      idempotencyKey: 'k',
    });
    const [fetched, ...more] = fake.mediaFetches();
    expect(more).toEqual([]);
    expect(fetched).toMatchObject({ ok: true, contentType: 'image/png', url: publicUrl });
    expect(fetched?.ok && new Uint8Array(fetched.bytes)).toEqual(testPng());
    expect(post.remoteId).toMatch(/^accounts\/\d+\/locations\/9001\/localPosts\/\d+$/);
    expect(post.url).toContain('use=posts');
    const body = JSON.parse(
      fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/localPosts'))?.body ??
        '{}',
    );
    expect(body).toEqual({
      languageCode: 'en-US',
      summary: 'Flu shots this week',
      topicType: 'STANDARD',
      media: [{ mediaFormat: 'PHOTO', sourceUrl: publicUrl }],
    });
    await expect(google.fetchMetrics(fake.credentials, post.remoteId)).resolves.toEqual({
      likes: undefined,
      reposts: undefined,
      replies: undefined,
      quotes: undefined,
    });
  });

  it('a photo Google cannot download (404, unreachable, not an image) refuses the post and says why', async () => {
    const closed = await startMediaHost();
    const unreachable = closed.serve('gone.png', testPng(), 'image/png');
    await closed.close();
    const cases: [string, RegExp][] = [
      [host.missing('a.png'), /source_url could not be fetched \(HTTP 404\)/],
      [unreachable, /could not be fetched \(unreachable/],
      [host.serve('page.png', new TextEncoder().encode('<html>'), 'text/html'), /not an image/],
    ];
    for (const [publicUrl, reason] of cases) {
      const error = await caught(
        google.publish(fake.credentials, {
          text: 'x',
          media: [{ bytes: testPng(), mimeType: 'image/png', altText: 'A', publicUrl }],
          idempotencyKey: 'k',
        }),
      );
      expect(error, publicUrl).toMatchObject({ kind: 'content_rejected' });
      expect(error.reason).toMatch(reason);
      expect(error.reason).toMatch(
        /^Google could not download the image from Bedside: .*BEDSIDE_MEDIA_PUBLIC_URL/,
      );
    }
    expect(fake.publishCount()).toBe(0);
  });

  it('an expired access token is refreshed with the refresh token and handed over; a dead refresh token is reconnect_needed', async () => {
    fake.expireToken();
    const saved: GoogleBusinessCredentials[] = [];
    await google.publish(
      fake.credentials,
      { text: 'After refresh', idempotencyKey: 'k' },
      {
        onRefreshed: async (next) => void saved.push(next),
      },
    );
    expect(saved).toHaveLength(1);
    expect(fake.publishCount()).toBe(1);
    const dead = { ...fake.credentials, refreshToken: 'rt-revoked' };
    fake.expireToken();
    const error = await caught(google.validate(dead));
    expect(error).toMatchObject({ kind: 'reconnect_needed', status: 400 });
    expect(error.reason).toContain('invalid_grant');
  });

  it('RESOURCE_EXHAUSTED is rate_limited (Retry-After, else a minute)', async () => {
    fake.failNext(fake.publishRoute, fake.replies.rateLimited(45));
    await expect(
      google.publish(fake.credentials, { text: 'x', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 45,
    });
    fake.failNext(fake.publishRoute, {
      status: 429,
      body: { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
    });
    await expect(
      google.publish(fake.credentials, { text: 'x', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 60,
    });
  });

  it("INVALID_ARGUMENT and a REJECTED post are content_rejected with Google's words; no public image address too", async () => {
    await expect(
      google.publish(fake.credentials, { text: 'a'.repeat(1501), idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'content_rejected',
      status: 400,
      reason: 'Request contains an invalid argument: summary is longer than 1500 characters.',
    });
    fake.failNext(fake.publishRoute, {
      status: 200,
      body: {
        name: 'accounts/108000000000000000001/locations/9001/localPosts/1',
        state: 'REJECTED',
      },
    });
    await expect(
      google.publish(fake.credentials, { text: 'x', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'content_rejected',
      reason: expect.stringContaining('content policies'),
    });
    await expect(
      google.publish(fake.credentials, {
        text: 'x',
        media: [{ bytes: testPng(), mimeType: 'image/png', altText: 'a' }],
        idempotencyKey: 'k',
      }),
    ).rejects.toMatchObject({
      kind: 'content_rejected',
      reason: expect.stringContaining('public address'),
    });
  });

  it('UNAVAILABLE and timeouts are transient; findRecent finds the post; delete is idempotent', async () => {
    fake.failNext(fake.publishRoute, fake.replies.serverError());
    await expect(
      google.publish(fake.credentials, { text: 'x', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'transient',
      status: 503,
    });
    const since = new Date();
    fake.delay(fake.publishRoute, 2_500);
    await expect(
      google.publish(fake.credentials, { text: 'Open late', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'transient',
      reason: 'Google Business Profile did not answer in time.',
    });
    const found = await google.findRecent(fake.credentials, { since, text: 'Open late' });
    expect(found?.remoteId).toBe(fake.posts()[0]?.id);
    await google.delete(fake.credentials, found?.remoteId ?? '');
    await expect(google.delete(fake.credentials, found?.remoteId ?? '')).resolves.toBeUndefined();
    expect(fake.posts()).toEqual([]);
  });

  it('refuses to delete something that is not a local post of this location', async () => {
    await expect(google.delete(fake.credentials, '../../v1/accounts')).rejects.toMatchObject({
      kind: 'content_rejected',
    });
    expect(fake.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });
});
