import { AtpAgent, AtUri } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWT_SECRET } from '@atproto/dev-env';
import { ConnectorError } from '../connector-error.js';
import { expiredAccessJwt } from '../test-support/expired-access-jwt.js';
import { FAKE_APPVIEW_COUNTS } from '../test-support/fake-appview.js';
import { startLocalPds, type LocalPds } from '../test-support/local-pds.js';
import { useLoopbackOnlyNetwork } from '../test-support/loopback-only.js';
import { testPng } from '../test-support/test-image.js';
import { createBlueskyConnector } from './bluesky-connector.js';
import type { BlueskyCredentials } from './bluesky-credentials.js';

const PASSWORD = 'app-pass-1234';

describe('Bluesky connector against a real local PDS', () => {
  useLoopbackOnlyNetwork();
  const bluesky = createBlueskyConnector({ timeoutMs: 10_000 });
  let pds: LocalPds;
  let credentials: BlueskyCredentials;

  beforeAll(async () => {
    pds = await startLocalPds();
    await pds.createAccount('clinic.test', PASSWORD);
    credentials = await bluesky.authorize.login({
      service: pds.url,
      identifier: 'clinic.test',
      password: PASSWORD,
    });
  });
  afterAll(async () => {
    await pds?.close();
  });

  /** Reads a post record straight from the PDS, bypassing the connector. */
  async function readRecord(remoteId: string): Promise<Record<string, unknown>> {
    const uri = new AtUri(remoteId);
    const agent = new AtpAgent({ service: pds.url });
    const { data } = await agent.com.atproto.repo.getRecord({
      repo: uri.host,
      collection: uri.collection,
      rkey: uri.rkey,
    });
    return data.value as Record<string, unknown>;
  }

  it('logs in with an app password and validates the session', async () => {
    expect(credentials).toMatchObject({
      handle: 'clinic.test',
      did: expect.stringMatching(/^did:plc:/),
    });
    await expect(bluesky.validate(credentials)).resolves.toMatchObject({
      id: credentials.did,
      handle: 'clinic.test',
    });
  });

  it('publishes a post with a link facet, a mention and an image with alt text', async () => {
    const text = 'Flu shots this week at https://example.com/flu — ask @clinic.test';
    const post = await bluesky.publish(credentials, {
      text,
      media: [
        { bytes: testPng(), mimeType: 'image/png', altText: 'A nurse holding a flu vaccine' },
      ],
      idempotencyKey: 't-1',
    });
    expect(post.url).toMatch(/^https:\/\/bsky\.app\/profile\/did:plc:.+\/post\/.+$/);

    const record = (await readRecord(post.remoteId)) as {
      text: string;
      facets: Array<{
        index: { byteStart: number; byteEnd: number };
        features: Array<{ $type: string; uri?: string; did?: string }>;
      }>;
      embed: { $type: string; images: Array<{ alt: string; image: { mimeType: string } }> };
    };
    expect(record.text).toBe(text);
    const features = record.facets.flatMap((facet) => facet.features);
    expect(features).toContainEqual({
      $type: 'app.bsky.richtext.facet#link',
      uri: 'https://example.com/flu',
    });
    expect(features).toContainEqual({
      $type: 'app.bsky.richtext.facet#mention',
      did: credentials.did,
    });
    const link = record.facets.find((facet) => facet.features[0]?.uri);
    expect(Buffer.from(text).subarray(link?.index.byteStart, link?.index.byteEnd).toString()).toBe(
      'https://example.com/flu',
    );
    expect(record.embed.$type).toBe('app.bsky.embed.images');
    expect(record.embed.images).toEqual([
      expect.objectContaining({
        alt: 'A nurse holding a flu vaccine',
        image: expect.objectContaining({ mimeType: 'image/png' }),
      }),
    ]);
  });

  it('finds a published post by its text, deletes it, and treats a second delete as done', async () => {
    const since = new Date();
    const post = await bluesky.publish(credentials, {
      text: 'Closed on Monday',
      idempotencyKey: 't-2',
    });
    await expect(
      bluesky.findRecent(credentials, { since, text: 'Closed on Monday' }),
    ).resolves.toEqual(post);
    await bluesky.delete(credentials, post.remoteId);
    await expect(readRecord(post.remoteId)).rejects.toMatchObject({ error: 'RecordNotFound' });
    await expect(bluesky.delete(credentials, post.remoteId)).resolves.toBeUndefined();
    await expect(
      bluesky.findRecent(credentials, { since, text: 'Closed on Monday' }),
    ).resolves.toBeUndefined();
  });

  it('refuses to delete a post of another account', async () => {
    await expect(
      bluesky.delete(credentials, 'at://did:plc:someoneelse/app.bsky.feed.post/3k2a'),
    ).rejects.toMatchObject({ kind: 'content_rejected' });
  });

  it('reads counts through the PDS from the AppView', async () => {
    const post = await bluesky.publish(credentials, { text: 'Count me', idempotencyKey: 't-3' });
    const metrics = await bluesky.fetchMetrics(credentials, post.remoteId);
    expect(metrics).toEqual({
      likes: FAKE_APPVIEW_COUNTS.likeCount,
      reposts: FAKE_APPVIEW_COUNTS.repostCount,
      replies: FAKE_APPVIEW_COUNTS.replyCount,
      quotes: FAKE_APPVIEW_COUNTS.quoteCount,
    });
    expect(pds.appView.requested).toContain(post.remoteId);
  });

  it('rejects text over 300 graphemes before sending, and the PDS agrees', async () => {
    const text = 'é'.repeat(301);
    const error = await bluesky
      .publish(credentials, { text, idempotencyKey: 't-4' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      kind: 'content_rejected',
      status: undefined,
      reason: 'The text is 301 characters; Bluesky allows 300.',
    });
    // 300 emoji graphemes are fine, though they are 1,200 bytes.
    await expect(
      bluesky.publish(credentials, {
        text: '👋🏽'.repeat(300).slice(0, 1200),
        idempotencyKey: 't-5',
      }),
    ).resolves.toBeDefined();
    // The PDS itself (lexicon validation) says the same, which the connector maps the same way.
    const agent = new AtpAgent({ service: pds.url });
    await agent.login({ identifier: 'clinic.test', password: PASSWORD });
    const raw = await agent.post({ text }).catch((caught: unknown) => caught);
    expect(raw).toMatchObject({ status: 400, error: 'InvalidRequest' });
  });

  it('maps a bad password and a bad token to reconnect_needed', async () => {
    await expect(
      bluesky.authorize.login({
        service: pds.url,
        identifier: 'clinic.test',
        password: 'wrong-password',
      }),
    ).rejects.toMatchObject({ kind: 'reconnect_needed', status: 401 });
    const bad = { ...credentials, accessJwt: 'not.a.jwt', refreshJwt: 'not.a.jwt' };
    const error = (await bluesky
      .publish(bad, { text: 'Hello', idempotencyKey: 't-6' })
      .catch((caught: unknown) => caught)) as ConnectorError;
    expect(error).toMatchObject({ kind: 'reconnect_needed' });
    expect(error.message).not.toContain('not.a.jwt');
  });

  it('refreshes the session and hands the rotated tokens to the caller', async () => {
    const refreshed = await bluesky.refresh(credentials);
    expect(refreshed.refreshJwt).not.toBe(credentials.refreshJwt);
    await expect(bluesky.validate(refreshed)).resolves.toMatchObject({ id: credentials.did });
    credentials = refreshed;

    // An expired access token makes the agent refresh by itself; the caller must hear of it.
    let handedBack: BlueskyCredentials | undefined;
    const stale = {
      ...credentials,
      accessJwt: expiredAccessJwt(credentials.accessJwt, JWT_SECRET),
    };
    const post = await bluesky.publish(
      stale,
      { text: 'After a refresh', idempotencyKey: 't-7' },
      { onRefreshed: (next) => Promise.resolve(void (handedBack = next)) },
    );
    expect(post.remoteId).toMatch(/^at:\/\//);
    expect(handedBack?.refreshJwt).toBeDefined();
    expect(handedBack?.refreshJwt).not.toBe(credentials.refreshJwt);
  });
});
