import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snacMissingReason } from '../test-support/connector-test-env.js';
import { startMastodonFake, type MastodonFake } from '../test-support/mastodon-contract-fake.js';
import { startSnacInstance, type SnacInstance } from '../test-support/snac-instance.js';
import { connectSnacAccount } from '../test-support/snac-oauth.js';
import { ConnectorError } from '../connector-error.js';
import { createMastodonConnector } from './mastodon-connector.js';
import type { MastodonCredentials } from './mastodon-credentials.js';
import { createMastodonInbound } from './mastodon-inbound.js';

const skip = snacMissingReason();
if (skip) console.warn(skip);
const inbound = createMastodonInbound();
const connector = createMastodonConnector();

(skip ? describe.skip : describe)('Mastodon inbound: replies on a real snac2 server', () => {
  let snac: SnacInstance;
  let clinic: MastodonCredentials;
  let reviewer: MastodonCredentials;

  beforeAll(async () => {
    snac = await startSnacInstance('clinic');
    const reviewerPassword = snac.addUser('reviewer');
    clinic = (await connectSnacAccount(connector, snac)).credentials;
    reviewer = (
      await connectSnacAccount(connector, { ...snac, user: 'reviewer', password: reviewerPassword })
    ).credentials;
  }, 60_000);
  afterAll(async () => snac?.stop());

  it('answers a status in its thread', async () => {
    const review = await connector.publish(reviewer, {
      text: 'The billing office never called me back',
      idempotencyKey: 'm1',
    });
    const sent = await inbound.reply(clinic, {
      externalId: review.remoteId,
      replyRef: null,
      text: 'We are sorry to hear this. Please call our office so we can help.',
      idempotencyKey: 'r1',
    });
    const stored = await fetch(
      `${snac.baseUrl}/api/v1/statuses/${encodeURIComponent(sent.remoteId)}`,
      { headers: { authorization: `Bearer ${clinic.accessToken}` } },
    );
    const body = (await stored.json()) as { in_reply_to_id: string | null; content: string };
    expect(body.in_reply_to_id).toBe(review.remoteId);
    expect(body.content).toContain('Please call our office');
  });

  it('reads notifications from snac (none yet) and maps a revoked token to reconnect_needed', async () => {
    const page = await inbound.fetchSince(clinic, { cursor: null, limit: 40 });
    expect(page.items).toEqual([]);
    const broken = { ...clinic, accessToken: 'not-a-token' };
    const error = await inbound
      .fetchSince(broken, { cursor: null, limit: 5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe('reconnect_needed');
  });
});

/**
 * snac2 does not notify a local user of another local user's mention, so a real mention comes
 * from a second server: mastodon-inbound.federation.test.ts. This suite pins the parsing of the
 * Mastodon documentation's shapes (filtering, order, cursor) against the contract fake.
 */
describe('Mastodon inbound: reading mentions (contract fake)', () => {
  let fake: MastodonFake;
  const notification = (id: string, type: string, status: Record<string, unknown> | null) => ({
    id,
    type,
    created_at: '2026-11-27T10:00:00.000Z',
    account: { id: '9', username: 'reviewer', acct: 'reviewer@other.test', display_name: 'R.' },
    status,
  });
  const status = (id: string, content: string, inReplyTo: string | null = null) => ({
    id,
    uri: `https://other.test/statuses/${id}`,
    url: `https://other.test/@reviewer/${id}`,
    created_at: '2026-11-27T10:00:00.000Z',
    content,
    in_reply_to_id: inReplyTo,
  });
  beforeAll(async () => {
    fake = await startMastodonFake();
    fake.on('GET /api/v1/notifications', () => ({
      status: 200,
      body: [
        notification('30', 'favourite', status('7', '<p>ours</p>')),
        notification('21', 'mention', status('8', '<p>@clinic waited &amp; waited</p>', '5')),
        notification('20', 'mention', status('6', '<p>@clinic thanks!</p>')),
      ],
    }));
  });
  afterAll(async () => fake?.close());
  const credentials = (): MastodonCredentials => ({
    instanceUrl: fake.baseUrl,
    accessToken: fake.token,
    clientId: 'c',
    clientSecret: 's',
  });

  it('keeps mentions only, oldest first, and moves the cursor over everything read', async () => {
    const page = await inbound.fetchSince(credentials(), { cursor: null, limit: 40 });
    expect(page.items.map((i) => [i.externalId, i.kind, i.text, i.parentExternalId])).toEqual([
      ['6', 'mention', '@clinic thanks!', null],
      ['8', 'comment', '@clinic waited & waited', '5'],
    ]);
    expect(page.cursor).toBe('30');
    const request = fake.requests.at(-1);
    expect(request?.path).toBe('/api/v1/notifications');
    const next = await inbound.fetchSince(credentials(), { cursor: '21', limit: 40 });
    expect(next.items).toEqual([]);
    expect(next.cursor).toBe('30');
  });
});
