import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ConnectorError } from '../../connectors/connector-error.js';
import type { InboundReplyInput, InboundSource } from '../../connectors/inbound.js';
import { createSecretBox } from '../../security/secret-box.js';
import { createTestPractice, incoming } from '../../test-support/reputation-practice.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import type { InboundSources } from './inbound-sources.js';
import { loadIngestContext } from './ingest-context.js';
import { ingestItems } from './ingest-items.js';
import { submitReply } from './replies.js';
import { createSource } from './sources.js';

const box = createSecretBox(randomBytes(32));

/** A network whose first `failures` replies time out (after writing, as far as we know). */
function flakyInbound(network: 'bluesky' | 'mastodon', failures: number) {
  const calls: InboundReplyInput[] = [];
  const source: InboundSource<unknown> = {
    network,
    fetchSince: async () => ({ items: [], cursor: null, hasMore: false }),
    reply: async (_credentials, input) => {
      calls.push(input);
      if (calls.length <= failures)
        throw new ConnectorError({
          network,
          kind: 'transient',
          reason: `The ${network} server did not answer in time.`,
        });
      return { remoteId: `remote-${input.idempotencyKey}`, url: undefined };
    },
  };
  return { source, calls };
}

describeEachDialect('reputation replies after a timeout', (dialect) => {
  let t: TestDatabase;
  let orgId: string;
  let ownerId: string;
  let locationId: string;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    ({ orgId, ownerId, locationId } = await createTestPractice(t.handle.db, 'retry'));
  });
  afterEach(async () => t.drop());
  const actor = () => ({ userId: ownerId, label: 'owner', ip: null });

  async function itemOn(network: 'bluesky' | 'mastodon', inbound: InboundSources) {
    const now = new Date().toISOString();
    await t.handle.db
      .insertInto('channels')
      .values({
        id: `ch-${network}`,
        orgId,
        locationId,
        network,
        accountId: network,
        handle: `clinic.${network}`,
        displayName: 'Clinic',
        serviceUrl: 'http://127.0.0.1',
        credentialsSealed: box.seal(JSON.stringify({ token: 'synthetic' })),
        status: 'connected',
        statusReason: null,
        createdBy: ownerId,
        createdAt: now,
        updatedAt: now,
        lastValidatedAt: now,
      })
      .execute();
    const source = await createSource(t.handle.db, {
      actor: actor(),
      orgId,
      input: { mode: 'poll', channelId: `ch-${network}` },
      box,
      inbound,
    });
    const { db } = t.handle;
    const context = await loadIngestContext(db, orgId);
    const report = await db.transaction().execute((tx) =>
      ingestItems(tx, context, {
        source: network,
        sourceRefId: source.id,
        locationId,
        importId: null,
        items: [incoming(`${network}-1`, 'Are you open on Saturdays?', { kind: 'mention' })],
      }),
    );
    return report.created[0]!.id;
  }

  it('Bluesky: a timed-out reply is asked again with the same key and time, and sent once', async () => {
    const flaky = flakyInbound('bluesky', 2);
    const inbound = { bluesky: flaky.source } as InboundSources;
    const itemId = await itemOn('bluesky', inbound);
    const reply = await submitReply(t.handle.db, {
      actor: actor(),
      orgId,
      itemId,
      text: 'Yes, from 9 to noon. Call us to book.',
      templateId: null,
      ports: { box, inbound },
    });
    expect(reply.status).toBe('sent');
    expect(flaky.calls).toHaveLength(3);
    expect(new Set(flaky.calls.map((c) => `${c.idempotencyKey}|${c.createdAt}`)).size).toBe(1);
    expect(flaky.calls[0]!.idempotencyKey).toBe(reply.id);
    expect(flaky.calls[0]!.createdAt).toBe(reply.createdAt);
    const item = await t.handle.db
      .selectFrom('reputationItems')
      .select(['status', 'firstResponseAt'])
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(item.status).toBe('replied');
    expect(item.firstResponseAt).not.toBeNull();
  });

  it('Bluesky: still failing after three attempts, the reply is failed with the reason', async () => {
    const flaky = flakyInbound('bluesky', 5);
    const inbound = { bluesky: flaky.source } as InboundSources;
    const itemId = await itemOn('bluesky', inbound);
    const reply = await submitReply(t.handle.db, {
      actor: actor(),
      orgId,
      itemId,
      text: 'Yes, from 9 to noon. Call us to book.',
      templateId: null,
      ports: { box, inbound },
    });
    expect(reply).toMatchObject({
      status: 'failed',
      lastError: 'The bluesky server did not answer in time.',
    });
    expect(flaky.calls).toHaveLength(3);
  });

  it('a network without idempotent replies (Mastodon here) is not asked twice on its own', async () => {
    const flaky = flakyInbound('mastodon', 1);
    const inbound = { mastodon: flaky.source } as InboundSources;
    const itemId = await itemOn('mastodon', inbound);
    const reply = await submitReply(t.handle.db, {
      actor: actor(),
      orgId,
      itemId,
      text: 'Yes, from 9 to noon. Call us to book.',
      templateId: null,
      ports: { box, inbound },
    });
    expect(reply.status).toBe('failed');
    expect(flaky.calls).toHaveLength(1);
  });
});
