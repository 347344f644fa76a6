import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../test-support/free-port.js';
import { useLoopbackOnlyNetwork } from '../test-support/loopback-only.js';
import { startMastodonFake, type MastodonFake } from '../test-support/mastodon-contract-fake.js';
import { testPng } from '../test-support/test-image.js';
import { createMastodonConnector } from './mastodon-connector.js';
import type { MastodonCredentials } from './mastodon-credentials.js';

describe('Mastodon connector against the contract fake (what snac lacks)', () => {
  useLoopbackOnlyNetwork();
  const mastodon = createMastodonConnector({ timeoutMs: 400 });
  let fake: MastodonFake;
  let credentials: MastodonCredentials;

  beforeEach(async () => {
    fake = await startMastodonFake({ maxCharacters: 500 });
    credentials = {
      instanceUrl: fake.baseUrl,
      accessToken: fake.token,
      clientId: 'client-id',
      clientSecret: 'client-secret-value',
    };
  });
  afterEach(async () => {
    await fake.close();
  });

  it('sends the Idempotency-Key, so a retry returns the status it already created', async () => {
    const first = await mastodon.publish(credentials, {
      text: 'Flu shots',
      idempotencyKey: 'target-42',
    });
    const retry = await mastodon.publish(credentials, {
      text: 'Flu shots',
      idempotencyKey: 'target-42',
    });
    expect(retry).toEqual(first);
    expect(fake.statusCount()).toBe(1);
    expect(
      fake.requests
        .filter((r) => r.path === '/api/v1/statuses')
        .map((r) => r.headers['idempotency-key']),
    ).toEqual(['target-42', 'target-42']);
  });

  it('waits for media the instance is still processing, then attaches it with its alt text', async () => {
    await mastodon.publish(credentials, {
      text: 'New chairs',
      media: [{ bytes: testPng(), mimeType: 'image/png', altText: 'Blue chairs' }],
      idempotencyKey: 'k',
    });
    const upload = fake.requests.find((r) => r.path === '/api/v2/media');
    expect(upload?.body).toContain('name="description"');
    expect(upload?.body).toContain('Blue chairs');
    expect(fake.requests.filter((r) => r.path.startsWith('/api/v1/media/')).length).toBe(2); // 206, then 200
    const status = fake.requests.find((r) => r.path === '/api/v1/statuses');
    expect(JSON.parse(status?.body ?? '{}')).toMatchObject({ media_ids: [expect.any(String)] });
  });

  it('refuses an image without alt text before sending anything', async () => {
    await expect(
      mastodon.publish(credentials, {
        text: 'x',
        media: [{ bytes: testPng(), mimeType: 'image/png', altText: ' ' }],
        idempotencyKey: 'k',
      }),
    ).rejects.toMatchObject({ kind: 'content_rejected' });
    expect(fake.requests).toEqual([]);
  });

  it('maps 429 with X-RateLimit-Reset to rate_limited with the seconds to wait', async () => {
    const reset = new Date(Date.now() + 120_000).toISOString();
    fake.on('POST /api/v1/statuses', () => ({
      status: 429,
      headers: {
        'x-ratelimit-limit': '300',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': reset,
      },
      body: { error: 'Too many requests' },
    }));
    const error = await mastodon
      .publish(credentials, { text: 'Hi', idempotencyKey: 'k' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429 });
    const wait = (error as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThanOrEqual(110);
    expect(wait).toBeLessThanOrEqual(121);
  });

  it("maps 422 to content_rejected with the instance's reason", async () => {
    await expect(
      mastodon.publish(credentials, { text: 'a'.repeat(501), idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'content_rejected',
      status: 422,
      reason: 'Validation failed: Text character limit of 500 exceeded',
    });
  });

  it('maps 5xx, an HTML error page, garbage and a refused connection to transient', async () => {
    fake.on('POST /api/v1/statuses', () => ({
      status: 503,
      body: { error: 'Service Unavailable' },
    }));
    await expect(
      mastodon.publish(credentials, { text: 'Hi', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({ kind: 'transient', status: 503 });
    fake.on('POST /api/v1/statuses', () => ({
      status: 502,
      body: '<html><body>Bad Gateway</body></html>',
    }));
    await expect(
      mastodon.publish(credentials, { text: 'Hi', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({ kind: 'transient', status: 502 });
    fake.on('POST /api/v1/statuses', () => ({ status: 200, body: '{"id": ' }));
    await expect(
      mastodon.publish(credentials, { text: 'Hi', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({ kind: 'transient', reason: expect.stringContaining('unreadable') });
    const closed = { ...credentials, instanceUrl: `http://127.0.0.1:${await freeLoopbackPort()}` };
    await expect(
      mastodon.publish(closed, { text: 'Hi', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({ kind: 'transient', reason: 'The instance could not be reached.' });
  });

  it('maps a timeout to transient, and findRecent then finds the post that did arrive', async () => {
    const since = new Date();
    fake.delay('POST /api/v1/statuses', 1_500);
    await expect(
      mastodon.publish(credentials, { text: 'Open late on Thursday', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({ kind: 'transient', reason: 'The instance did not answer in time.' });
    await expect(
      mastodon.findRecent(credentials, { since, text: 'Open late on Thursday' }),
    ).resolves.toMatchObject({ remoteId: expect.any(String) });
  });

  it('maps 401 to reconnect_needed and never repeats a secret in the message', async () => {
    await expect(
      mastodon.validate({ ...credentials, accessToken: 'wrong-token-value' }),
    ).rejects.toMatchObject({ kind: 'reconnect_needed', status: 401 });
    fake.on('POST /api/v1/statuses', (request) => ({
      status: 422,
      body: {
        error: `Validation failed for ${String(request.headers.authorization)} and client-secret-value`,
      },
    }));
    const error = (await mastodon
      .publish(credentials, { text: 'Hi', idempotencyKey: 'k' })
      .catch((caught: unknown) => caught)) as Error;
    expect(error.message).not.toContain(fake.token);
    expect(error.message).not.toContain('client-secret-value');
    expect(error.message).toContain('[redacted]');
  });

  it("reads the instance's max_characters from /api/v2/instance, falling back to v1, then 500", async () => {
    await expect(mastodon.limits(credentials)).resolves.toMatchObject({
      maxCharacters: 500,
      imageMimeTypes: ['image/png', 'image/jpeg'],
      maxImageBytes: 10_485_760,
    });
    fake.on('GET /api/v2/instance', () => ({ status: 404, body: '<h1>Not Found</h1>' }));
    fake.on('GET /api/v1/instance', () => ({
      status: 200,
      body: { uri: 'fake.test', max_toot_chars: 5000 },
    }));
    await expect(mastodon.limits(credentials)).resolves.toMatchObject({ maxCharacters: 5000 });
    fake.on('GET /api/v1/instance', () => ({ status: 404, body: { error: 'Record not found' } }));
    await expect(mastodon.limits(credentials)).resolves.toMatchObject({
      maxCharacters: 500,
      maxImages: 4,
    });
  });

  it('deletes a post, and counts one that is already gone as deleted', async () => {
    const post = await mastodon.publish(credentials, { text: 'Bye', idempotencyKey: 'k' });
    await mastodon.delete(credentials, post.remoteId);
    expect(fake.statusCount()).toBe(0);
    await expect(mastodon.delete(credentials, post.remoteId)).resolves.toBeUndefined();
  });

  it('reads the counts of a post', async () => {
    const post = await mastodon.publish(credentials, { text: 'Counts', idempotencyKey: 'k' });
    await expect(mastodon.fetchMetrics(credentials, post.remoteId)).resolves.toEqual({
      likes: 3,
      reposts: 1,
      replies: 2,
      quotes: undefined,
    });
  });
});
