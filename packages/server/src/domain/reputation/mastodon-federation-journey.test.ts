import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingReason } from '../../../../../tools/test-env.js';
import { createMastodonConnector } from '../../connectors/mastodon/mastodon-connector.js';
import type { MastodonCredentials } from '../../connectors/mastodon/mastodon-credentials.js';
import { createMastodonInbound } from '../../connectors/mastodon/mastodon-inbound.js';
import {
  snacFederationMissingReason,
  startSnacFederation,
  type SnacFederation,
} from '../../connectors/test-support/snac-federation.js';
import { connectSnacAccount } from '../../connectors/test-support/snac-oauth.js';
import { createSecretBox } from '../../security/secret-box.js';
import { createTestPractice } from '../../test-support/reputation-practice.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { createInboundSources } from './inbound-sources.js';
import { listInbox } from './list-inbox.js';
import { pollDueSources } from './poll-sources.js';
import { submitReply } from './replies.js';
import { createSource } from './sources.js';

const skip = missingReason('postgres') ?? (await snacFederationMissingReason());
if (skip) console.warn(skip);
const box = createSecretBox(randomBytes(32));
const inbound = createInboundSources();
const connector = createMastodonConnector({ timeoutMs: 5_000 });

/**
 * The Mastodon half of issue 5 on real servers: a patient on another snac2 server mentions the
 * practice; the poller reads the mention from the practice's server into the inbox (with its
 * analysis), the safe reply goes out through the reply path, and arrives on the patient's server.
 */
(skip ? describe.skip : describe)('reputation: a Mastodon mention from another server', () => {
  let servers: SnacFederation;
  let t: TestDatabase;
  let clinic: MastodonCredentials;
  let patient: MastodonCredentials;
  let orgId: string;
  let ownerId: string;
  let locationId: string;
  const actor = () => ({ userId: ownerId, label: 'owner', ip: null });

  beforeAll(async () => {
    [servers, t] = await Promise.all([startSnacFederation(), createTestDatabase('postgres')]);
    clinic = (await connectSnacAccount(connector, servers.home)).credentials;
    patient = (await connectSnacAccount(connector, servers.remote)).credentials;
    ({ orgId, ownerId, locationId } = await createTestPractice(t.handle.db, 'fed'));
    const now = new Date().toISOString();
    await t.handle.db
      .insertInto('channels')
      .values({
        id: 'masto',
        orgId,
        locationId,
        network: 'mastodon',
        accountId: 'clinic',
        handle: `@clinic@${servers.home.host}`,
        displayName: 'clinic',
        serviceUrl: servers.home.baseUrl,
        credentialsSealed: box.seal(JSON.stringify(clinic)),
        status: 'connected',
        statusReason: null,
        createdBy: ownerId,
        createdAt: now,
        updatedAt: now,
        lastValidatedAt: now,
      })
      .execute();
    await createSource(t.handle.db, {
      actor: actor(),
      orgId,
      input: { mode: 'poll', channelId: 'masto' },
      box,
      inbound,
    });
  }, 120_000);
  afterAll(async () => {
    await servers?.stop();
    await t?.drop();
  });

  it('polls the mention into the inbox once, and the safe reply reaches the patient’s server', async () => {
    const mention = await connector.publish(patient, {
      text: `@clinic@${servers.home.host} I waited two hours past my appointment and nobody told me why. Awful.`,
      idempotencyKey: 'fed-journey-1',
    });

    // Poll until the other server's delivery has landed (snac's queue runs in the background).
    let created = 0;
    const deadline = Date.now() + 30_000;
    let tick = 1;
    while (created === 0 && Date.now() < deadline) {
      const polled = await pollDueSources(t.handle.db, {
        box,
        inbound,
        now: new Date(Date.now() + tick++ * 3_600_000),
      });
      expect(polled.failed).toBe(0);
      created += polled.created;
      if (created === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(created).toBe(1);

    const { items } = await listInbox(t.handle.db, { orgId, filters: { source: 'mastodon' } });
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item).toMatchObject({
      kind: 'mention',
      authorHandle: `patient@${servers.remote.host}`,
      canReplyInApp: true,
    });
    expect(item.sentimentLabel).toBe('negative');
    expect(item.topics).toEqual(expect.arrayContaining(['wait_time']));

    // The cursor moved: another poll adds nothing.
    const again = await pollDueSources(t.handle.db, {
      box,
      inbound,
      now: new Date(Date.now() + tick++ * 3_600_000),
    });
    expect(again.created).toBe(0);

    const sent = await submitReply(t.handle.db, {
      actor: actor(),
      orgId,
      itemId: item.id,
      text: 'Thank you for telling us. Privacy laws keep us from discussing any visit here; please call our office and ask for the practice manager.',
      templateId: 'negative_wait',
      ports: { box, inbound },
    });
    expect(sent.status).toBe('sent');

    // On the patient's server the reply is an answer to the patient's own status.
    const patientInbound = createMastodonInbound({ timeoutMs: 5_000 });
    let arrived = await patientInbound.fetchSince(patient, { cursor: null, limit: 40 });
    const until = Date.now() + 30_000;
    while (arrived.items.length === 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      arrived = await patientInbound.fetchSince(patient, { cursor: null, limit: 40 });
    }
    expect(arrived.items).toHaveLength(1);
    expect(arrived.items[0]).toMatchObject({
      kind: 'comment',
      parentExternalId: mention.remoteId,
      authorHandle: `clinic@${servers.home.host}`,
    });
    expect(arrived.items[0]?.text).toContain('please call our office');
  }, 120_000);

  it('a token the server no longer accepts fails the poll, keeps what was read, and says why', async () => {
    await t.handle.db
      .updateTable('channels')
      .set({ credentialsSealed: box.seal(JSON.stringify({ ...clinic, accessToken: 'revoked' })) })
      .where('id', '=', 'masto')
      .execute();
    const polled = await pollDueSources(t.handle.db, {
      box,
      inbound,
      now: new Date(Date.now() + 48 * 3_600_000),
    });
    expect(polled).toMatchObject({ failed: 1, created: 0 });
    const source = await t.handle.db
      .selectFrom('reputationSources')
      .select(['lastErrorKind', 'lastErrorMessage'])
      .where('orgId', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(source.lastErrorKind).toBe('reconnect_needed');
    expect(source.lastErrorMessage).not.toContain('revoked');
    const { items } = await listInbox(t.handle.db, { orgId, filters: { source: 'mastodon' } });
    expect(items).toHaveLength(1);
  });
});
