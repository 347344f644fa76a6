import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { ConnectorError } from '../../connectors/connector-error.js';
import type { InboundPage, InboundQuery, InboundSource } from '../../connectors/inbound.js';
import type { MailMessage } from '../../mail/mailer.js';
import { createSecretBox } from '../../security/secret-box.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { pollDueSources } from './poll-sources.js';
import { createTestPractice, incoming } from '../../test-support/reputation-practice.js';
import { ReputationLoop } from './reputation-loop.js';
import { createSource } from './sources.js';

const box = createSecretBox(randomBytes(32));

/** An inbound adapter that answers from a script: pages or errors, in order. */
function scripted(steps: (InboundPage | Error)[]) {
  const queries: InboundQuery[] = [];
  const source: InboundSource<unknown> = {
    network: 'bluesky',
    async fetchSince(_credentials, query) {
      queries.push(query);
      const step = steps.shift() ?? { items: [], cursor: query.cursor, hasMore: false };
      if (step instanceof Error) throw step;
      return step;
    },
    async reply() {
      throw new Error('not used');
    },
  };
  return { source, queries };
}

describeEachDialect('reputation polling', (dialect) => {
  let t: TestDatabase;
  let orgId: string;
  let ownerId: string;
  let sourceId: string;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    let locationId: string;
    ({ orgId, ownerId, locationId } = await createTestPractice(t.handle.db, 'poll'));
    const now = new Date().toISOString();
    await t.handle.db
      .insertInto('channels')
      .values({
        id: 'ch1',
        orgId,
        locationId,
        network: 'bluesky',
        accountId: 'did:plc:clinic',
        handle: 'clinic.test',
        displayName: 'Clinic',
        serviceUrl: 'http://127.0.0.1:1',
        credentialsSealed: box.seal(JSON.stringify({ token: 'x' })),
        status: 'connected',
        statusReason: null,
        createdBy: ownerId,
        createdAt: now,
        updatedAt: now,
        lastValidatedAt: now,
      })
      .execute();
    const { source } = scripted([]);
    sourceId = (
      await createSource(t.handle.db, {
        actor: { userId: ownerId, label: 'owner', ip: null },
        orgId,
        input: { mode: 'poll', channelId: 'ch1' },
        box,
        inbound: { bluesky: source },
      })
    ).id;
  });
  afterEach(async () => t.drop());

  const source = () =>
    t.handle.db
      .selectFrom('reputationSources')
      .selectAll()
      .where('id', '=', sourceId)
      .executeTakeFirstOrThrow();

  it('stores new items, moves the cursor, and schedules the next poll with jitter', async () => {
    const { source: inbound, queries } = scripted([
      {
        items: [incoming('at://1', '@clinic.test rude staff, long wait', { kind: 'mention' })],
        cursor: 'c1',
        hasMore: false,
      },
    ]);
    const now = new Date('2026-11-28T10:00:00.000Z');
    await t.handle.db
      .updateTable('reputationSources')
      .set({ nextPollAt: now.toISOString() })
      .execute();
    const report = await pollDueSources(t.handle.db, {
      box,
      inbound: { bluesky: inbound },
      now,
      random: () => 1,
    });
    expect(report).toEqual({ polled: 1, created: 1, failed: 0 });
    expect(queries).toEqual([{ cursor: null, limit: 50 }]);
    const row = await source();
    expect(row).toMatchObject({ cursor: 'c1', status: 'ok', consecutiveFailures: 0 });
    // Due again in 30 s plus at most 10% jitter: an item waits well under a minute for its poll.
    expect(row.nextPollAt).toBe('2026-11-28T10:00:33.000Z');
    const items = await t.handle.db.selectFrom('reputationItems').selectAll().execute();
    expect(items.map((i) => [i.source, i.kind, i.sourceRefId])).toEqual([
      ['bluesky', 'mention', sourceId],
    ]);
    const again = await pollDueSources(t.handle.db, { box, inbound: { bluesky: inbound }, now });
    expect(again.polled).toBe(0);
  });

  it('backs off on errors, honours Retry-After, shows failing after five, and recovers', async () => {
    const transient = () =>
      new ConnectorError({ network: 'bluesky', kind: 'transient', reason: 'The network is down.' });
    const steps: (InboundPage | Error)[] = [
      new ConnectorError({
        network: 'bluesky',
        kind: 'rate_limited',
        reason: 'Slow down.',
        retryAfterSeconds: 600,
      }),
      transient(),
      transient(),
      transient(),
      transient(),
      { items: [], cursor: 'c9', hasMore: false },
    ];
    const { source: inbound } = scripted(steps);
    let now = new Date('2026-11-28T10:00:00.000Z');
    await t.handle.db
      .updateTable('reputationSources')
      .set({ nextPollAt: now.toISOString() })
      .execute();
    const statuses: string[] = [];
    for (let i = 0; i < 6; i++) {
      await pollDueSources(t.handle.db, {
        box,
        inbound: { bluesky: inbound },
        now,
        random: () => 0.5,
      });
      const row = await source();
      statuses.push(row.status);
      if (i === 0) expect(Date.parse(row.nextPollAt!) - now.getTime()).toBe(600_000);
      now = new Date(Date.parse(row.nextPollAt!));
    }
    expect(statuses).toEqual([
      'backing_off',
      'backing_off',
      'backing_off',
      'backing_off',
      'failing',
      'ok',
    ]);
    const row = await source();
    expect(row).toMatchObject({ cursor: 'c9', consecutiveFailures: 0, lastErrorMessage: null });
    const failures = await t.handle.db
      .selectFrom('auditEvents')
      .select('details')
      .where('action', '=', 'review.poll_failed')
      .execute();
    expect(failures).toHaveLength(5);
  });

  it('the reputation loop polls and emails the alert of what it stored in the same tick', async () => {
    const text = '@clinic.test waited two hours, the front desk was rude';
    const { source: inbound } = scripted([
      { items: [incoming('at://m1', text, { kind: 'mention' })], cursor: 'c1', hasMore: false },
    ]);
    const sent: MailMessage[] = [];
    const errors: string[] = [];
    const loop = new ReputationLoop({
      db: t.handle.db,
      box,
      mailer: { outboxDir: null, send: async (message) => void sent.push(message) },
      inbound: { bluesky: inbound },
      publicUrl: 'https://bedside.test',
      log: { info: () => undefined, error: (_obj, msg) => void errors.push(msg ?? '') },
    });
    const tick = async () => {
      await t.handle.db
        .updateTable('reputationSources')
        .set({ nextPollAt: new Date(Date.now() - 1_000).toISOString() })
        .execute();
      await loop.tick();
    };
    await tick();
    expect(errors).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toContain('New negative mention on Bluesky');
    expect(sent[0]?.text).toContain('https://bedside.test/inbox?item=');
    // The email says where to look, never what the person wrote.
    expect(sent[0]?.text).not.toContain('front desk');
    const note = await t.handle.db
      .selectFrom('notifications')
      .select('emailStatus')
      .executeTakeFirstOrThrow();
    expect(note.emailStatus).toBe('sent');

    // A tick that stores nothing new mails nothing.
    await tick();
    expect(sent).toHaveLength(1);
  });

  it('the reputation loop keeps ticking until stopped, also while email fails', async () => {
    const text = '@clinic.test waited two hours, the front desk was rude';
    const { source: inbound, queries } = scripted([
      { items: [incoming('at://m2', text, { kind: 'mention' })], cursor: 'c1', hasMore: false },
    ]);
    const loop = new ReputationLoop(
      {
        db: t.handle.db,
        box,
        mailer: {
          outboxDir: null,
          send: async () => {
            throw new Error('smtp down');
          },
        },
        inbound: { bluesky: inbound },
        publicUrl: 'https://bedside.test',
        log: { info: () => undefined, error: () => undefined },
      },
      10,
    );
    const due = () =>
      t.handle.db
        .updateTable('reputationSources')
        .set({ nextPollAt: new Date(Date.now() - 1_000).toISOString() })
        .execute();
    await due();
    loop.start();
    await vi.waitFor(() => expect(queries).toHaveLength(1));
    // Not due again for ~30 s; made due, the running loop reads it on a later tick.
    await due();
    await vi.waitFor(() => expect(queries).toHaveLength(2));
    await loop.stop();
    expect(queries[1]?.cursor).toBe('c1');
    const note = await t.handle.db
      .selectFrom('notifications')
      .select('emailStatus')
      .executeTakeFirstOrThrow();
    expect(note.emailStatus).not.toBe('sent');
  });

  it('pauses a source whose credentials are refused and tells the managers', async () => {
    const { source: inbound } = scripted([
      new ConnectorError({
        network: 'bluesky',
        kind: 'reconnect_needed',
        reason: 'Reconnect the account.',
      }),
    ]);
    await pollDueSources(t.handle.db, {
      box,
      inbound: { bluesky: inbound },
      now: new Date(Date.now() + 1000),
    });
    expect(await source()).toMatchObject({ status: 'paused', enabled: 0, nextPollAt: null });
    const note = await t.handle.db
      .selectFrom('notifications')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(note).toMatchObject({ userId: ownerId, kind: 'review.source_paused' });
  });

  it('refuses a channel of another organization and a network without an inbound adapter', async () => {
    const other = await createTestPractice(t.handle.db, 'other');
    await expect(
      createSource(t.handle.db, {
        actor: { userId: other.ownerId, label: 'owner', ip: null },
        orgId: other.orgId,
        input: { mode: 'poll', channelId: 'ch1' },
        box,
        inbound: {},
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
