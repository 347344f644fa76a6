import { afterEach, describe, expect, it } from 'vitest';
import { networkEndpoints } from '../network-endpoints.js';
import { approveOnFake, caught } from '../test-support/caught.js';
import { startLinkedInFake, type LinkedInFake } from '../test-support/linkedin-fake.js';
import { useLoopbackOnlyNetwork } from '../test-support/loopback-only.js';
import { testPng } from '../test-support/test-image.js';
import { createLinkedInConnector, type LinkedInConnector } from './linkedin-connector.js';
import type { LinkedInCredentials } from './linkedin-credentials.js';
import { escapeLittleText } from './linkedin-credentials.js';
import { linkedInRetryAfter } from './linkedin-errors.js';

describe('LinkedIn connector against the versioned REST contract fake', () => {
  useLoopbackOnlyNetwork();
  let fake: LinkedInFake;
  let linkedin: LinkedInConnector;
  const start = async (options: { issuesRefreshTokens?: boolean } = {}) => {
    fake = await startLinkedInFake(options);
    linkedin = createLinkedInConnector({
      endpoints: networkEndpoints(fake.endpoints).linkedin,
      client: fake.client,
      timeoutMs: 1_500,
    });
  };
  afterEach(async () => fake?.close());

  it('OAuth (with PKCE) lists the organizations the person administers', async () => {
    await start();
    const redirectUri = 'http://localhost:3000/cb';
    const begun = await linkedin.authorize.start({ redirectUri });
    expect(new URL(begun.url).searchParams.get('code_challenge_method')).toBe('S256');
    const code = (await approveOnFake(begun.url)).searchParams.get('code') ?? '';
    const accounts = await linkedin.authorize.finish({
      redirectUri,
      code,
      codeVerifier: begun.codeVerifier,
    });
    expect(accounts.map((a) => [a.account.id, a.account.displayName])).toEqual([
      ['urn:li:organization:5515715', 'Main Street Clinic'],
      ['urn:li:organization:5515716', 'Main Street Dental'],
    ]);
    expect(accounts[0]?.credentials.refreshToken).toBeUndefined();
    expect(Date.parse(accounts[0]?.credentials.expiresAt ?? '') - Date.now()).toBeGreaterThan(
      59 * 86_400_000,
    );
    await expect(
      linkedin.authorize.finish({ redirectUri, code, codeVerifier: begun.codeVerifier }),
    ).rejects.toMatchObject({
      kind: 'reconnect_needed',
      reason: expect.stringContaining('invalid_grant'),
    });
  });

  it('every REST call carries LinkedIn-Version and the Rest.li protocol header; text is escaped', async () => {
    await start();
    const post = await linkedin.publish(fake.credentials, {
      text: 'Flu shots (walk-ins welcome) #health @ Main St',
      media: [{ bytes: testPng(), mimeType: 'image/png', altText: 'Clinic entrance' }],
      idempotencyKey: 'k',
    });
    expect(post.remoteId).toMatch(/^urn:li:share:\d+$/);
    expect(post.url).toBe(`https://www.linkedin.com/feed/update/${post.remoteId}/`);
    for (const request of fake.requests.filter((r) => r.path.startsWith('/rest/'))) {
      expect(request.headers['linkedin-version']).toMatch(/^\d{6}$/);
      expect(request.headers['x-restli-protocol-version']).toBe('2.0.0');
    }
    expect(fake.posts()[0]).toMatchObject({
      text: 'Flu shots \\(walk-ins welcome\\) \\#health \\@ Main St',
      mediaCount: 1,
    });
    const body = JSON.parse(fake.requests.find((r) => r.path === '/rest/posts')?.body ?? '{}');
    expect(body.content.media).toMatchObject({
      id: expect.stringMatching(/^urn:li:image:/),
      altText: 'Clinic entrance',
    });
    await expect(linkedin.fetchMetrics(fake.credentials, post.remoteId)).resolves.toMatchObject({
      likes: 6,
      replies: 0,
    });
    expect(escapeLittleText('a_b*c~d\\e|f{g}h[i]j<k>')).toBe(
      'a\\_b\\*c\\~d\\\\e\\|f\\{g\\}h\\[i\\]j\\<k\\>',
    );
  });

  it('an expired token is reconnect_needed (60-day tokens, no refresh without partner access)', async () => {
    await start();
    fake.expireToken();
    const error = await caught(
      linkedin.publish(fake.credentials, { text: 'x', idempotencyKey: 'k' }),
    );
    expect(error).toMatchObject({ kind: 'reconnect_needed', status: 401 });
    expect(error.reason).toContain('60 days');
    expect(fake.publishCount()).toBe(0);
  });

  it('with partner refresh tokens, an expired token is refreshed and handed over', async () => {
    await start({ issuesRefreshTokens: true });
    fake.expireToken();
    const saved: LinkedInCredentials[] = [];
    await linkedin.publish(
      fake.credentials,
      { text: 'After refresh', idempotencyKey: 'k' },
      {
        onRefreshed: async (next) => void saved.push(next),
      },
    );
    expect(saved).toHaveLength(1);
    expect(fake.publishCount()).toBe(1);
  });

  it('429 is rate_limited: Retry-After when sent, else until midnight UTC', async () => {
    await start();
    fake.failNext(fake.publishRoute, fake.replies.rateLimited(300));
    await expect(
      linkedin.publish(fake.credentials, { text: 'x', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 300,
    });
    fake.failNext(fake.publishRoute, {
      status: 429,
      body: { status: 429, message: 'Daily limit reached' },
    });
    const error = await caught(
      linkedin.publish(fake.credentials, { text: 'x', idempotencyKey: 'k' }),
    );
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(86_400);
    expect(linkedInRetryAfter(new Headers(), new Date('2026-11-28T23:00:00Z'))).toBe(3600);
  });

  it("content_rejected with LinkedIn's words: duplicate, too long; a lost admin role is reconnect_needed", async () => {
    await start();
    await linkedin.publish(fake.credentials, { text: 'Same', idempotencyKey: 'a' });
    await expect(
      linkedin.publish(fake.credentials, { text: 'Same', idempotencyKey: 'b' }),
    ).rejects.toMatchObject({
      kind: 'content_rejected',
      status: 422,
      reason: 'LinkedIn refused the post: it duplicates an earlier post.',
    });
    await expect(
      linkedin.publish(fake.credentials, { text: 'a'.repeat(3001), idempotencyKey: 'c' }),
    ).rejects.toMatchObject({
      kind: 'content_rejected',
      reason: 'commentary is longer than 3000 characters',
    });
    await expect(
      linkedin.publish(
        { ...fake.credentials, organizationUrn: 'urn:li:organization:1' },
        { text: 'y', idempotencyKey: 'd' },
      ),
    ).rejects.toMatchObject({ kind: 'reconnect_needed', status: 403 });
  });

  it('5xx and a timeout are transient; findRecent finds the post that arrived; delete is idempotent', async () => {
    await start();
    fake.failNext(fake.publishRoute, fake.replies.serverError());
    await expect(
      linkedin.publish(fake.credentials, { text: 'x', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'transient',
      status: 503,
    });
    const since = new Date();
    const text = 'Parking (new) at the back #access';
    fake.delay(fake.publishRoute, 2_500);
    await expect(
      linkedin.publish(fake.credentials, { text, idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      kind: 'transient',
      reason: 'LinkedIn did not answer in time.',
    });
    const found = await linkedin.findRecent(fake.credentials, { since, text });
    expect(found?.remoteId).toBe(fake.posts()[0]?.id);
    await linkedin.delete(fake.credentials, found?.remoteId ?? '');
    await expect(linkedin.delete(fake.credentials, found?.remoteId ?? '')).resolves.toBeUndefined();
    expect(fake.posts()).toEqual([]);
  });
});
