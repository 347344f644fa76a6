import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector-error.js';
import { snacMissingReason } from '../test-support/connector-test-env.js';
import { useLoopbackOnlyNetwork } from '../test-support/loopback-only.js';
import { connectSnacAccount, type SnacConnection } from '../test-support/snac-oauth.js';
import { startSnacInstance, type SnacInstance } from '../test-support/snac-instance.js';
import { testPng } from '../test-support/test-image.js';
import { createMastodonConnector } from './mastodon-connector.js';
import { statusSchema } from './mastodon-schemas.js';

const skipReason = snacMissingReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== undefined)('Mastodon connector against a real snac2 server', () => {
  useLoopbackOnlyNetwork();
  const mastodon = createMastodonConnector({ timeoutMs: 5_000 });
  let instance: SnacInstance;
  let connection: SnacConnection;

  beforeAll(async () => {
    instance = await startSnacInstance();
    connection = await connectSnacAccount(mastodon, instance);
  });
  afterAll(async () => {
    await instance?.stop();
  });

  /** Reads a status back straight from the server, bypassing the connector. */
  async function readStatus(id: string): Promise<Response> {
    return fetch(`${instance.baseUrl}/api/v1/statuses/${id}`, {
      headers: { authorization: `Bearer ${connection.credentials.accessToken}` },
    });
  }

  it('connects through OAuth and validates the account', async () => {
    expect(connection.credentials.instanceUrl).toBe(instance.baseUrl);
    const account = await mastodon.validate(connection.credentials);
    expect(account.handle).toBe(`@clinic@${new URL(instance.baseUrl).host}`);
    expect(account.id).not.toBe('');
  });

  it('publishes a post and reads it back by id', async () => {
    const post = await mastodon.publish(connection.credentials, {
      text: 'Flu shots this week https://example.com/flu #health',
      idempotencyKey: 'target-1',
    });
    const response = await readStatus(post.remoteId);
    expect(response.status).toBe(200);
    const status = statusSchema.parse(await response.json());
    expect(status.content).toContain('Flu shots this week');
    expect(post.url).toBe(status.url);
  });

  it('publishes an image with its alt text', async () => {
    const post = await mastodon.publish(connection.credentials, {
      text: 'Our new waiting room',
      media: [
        {
          bytes: testPng(),
          mimeType: 'image/png',
          altText: 'A bright waiting room with blue chairs',
        },
      ],
      idempotencyKey: 'target-2',
    });
    const status = (await (await readStatus(post.remoteId)).json()) as {
      media_attachments: Array<{ description: string }>;
    };
    expect(status.media_attachments.map((media) => media.description)).toEqual([
      'A bright waiting room with blue chairs',
    ]);
  });

  it('finds a published post by its text after a timeout', async () => {
    const since = new Date();
    const post = await mastodon.publish(connection.credentials, {
      text: 'Closed Monday for *Memorial Day* & back Tuesday',
      idempotencyKey: 'target-3',
    });
    await expect(
      mastodon.findRecent(connection.credentials, {
        since,
        text: 'Closed Monday for *Memorial Day* & back Tuesday',
      }),
    ).resolves.toEqual(post);
    await expect(
      mastodon.findRecent(connection.credentials, { since, text: 'A post we never sent' }),
    ).resolves.toBeUndefined();
  });

  it('reads metrics and the instance limits', async () => {
    const post = await mastodon.publish(connection.credentials, {
      text: 'Metrics please',
      idempotencyKey: 'target-4',
    });
    await expect(
      mastodon.fetchMetrics(connection.credentials, post.remoteId),
    ).resolves.toMatchObject({ likes: 0, reposts: 0 });
    // snac has no /api/v2/instance; the connector falls back to v1, where snac says 100,000.
    await expect(mastodon.limits(connection.credentials)).resolves.toMatchObject({
      maxCharacters: 100_000,
      maxImages: 4,
    });
  });

  it('says plainly that snac cannot delete through the API, and leaves the post up', async () => {
    // snac 2.75 implements no DELETE /api/v1/statuses/:id and answers 404 while the post stays.
    const post = await mastodon.publish(connection.credentials, {
      text: 'Delete me',
      idempotencyKey: 'target-5',
    });
    const error = await mastodon
      .delete(connection.credentials, post.remoteId)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      kind: 'content_rejected',
      reason: expect.stringContaining('does not let apps delete'),
    });
    expect((await readStatus(post.remoteId)).status).toBe(200);
  });

  it('maps a bad token to reconnect_needed, without the token in the message', async () => {
    const bad = { ...connection.credentials, accessToken: 'not-a-real-token-1234' };
    const publishError = await mastodon
      .publish(bad, { text: 'Hello', idempotencyKey: 'target-6' })
      .catch((caught: unknown) => caught);
    expect(publishError).toMatchObject({ kind: 'reconnect_needed', status: 401 });
    expect(String((publishError as Error).message)).not.toContain('not-a-real-token-1234');
    // snac answers verify_credentials with 422 for a bad token; it is still a dead connection.
    await expect(mastodon.validate(bad)).rejects.toMatchObject({ kind: 'reconnect_needed' });
  });
});
