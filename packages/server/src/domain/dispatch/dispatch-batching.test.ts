import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startMastodonFake,
  type MastodonFake,
} from '../../connectors/test-support/mastodon-contract-fake.js';
import { loadConfig } from '../../config/config.js';
import { waitUntil } from '../../jobs/test-support/wait-until.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import { createChannelConnectors } from '../channels/channel-connectors.js';
import { appLimitsWith, DEFAULT_APP_LIMITS } from './app-limits.js';
import { claimDueTargets } from './claim-targets.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { Dispatcher } from './dispatcher.js';
import { prepareClaim } from './prepare-claim.js';
import { markPublishedBatch, PublishedBatch } from './published-batch.js';
import { schedulePost } from './schedule-post.js';
import {
  addApprovedPost,
  addChannel,
  createDispatchFixture,
  mastodonCredentials,
  type DispatchFixture,
} from './test-support/dispatch-fixture.js';
import { runDueTargets } from './test-support/drive-dispatch.js';

const SCHEDULED_FROM = new Date('2026-01-01T12:00:00Z');
/** The targets below are due 2026-01-15T16:00Z; the workers' clocks start just after. */
const T0 = new Date('2026-01-15T16:00:05Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const noLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

describeEachDialect('dispatch in batches, and per-app request caps', (dialect) => {
  let database: TestDatabase;
  let f: DispatchFixture;
  let other: DispatchFixture;
  let fake: MastodonFake;
  let channelId: string;
  let n = 0;
  const db = () => database.handle.db;
  const sent = () =>
    fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses');
  const worker = (owner: string, extra: Partial<DispatchDeps> = {}): DispatchDeps => ({
    db: db(),
    dialect,
    box: f.box,
    connectors: createChannelConnectors({ timeoutMs: 2_000 }),
    owner: `${owner}-${dialect}-${n}`,
    log: noLog,
    ...extra,
  });

  async function scheduled(fixture = f, channel = channelId): Promise<string> {
    n += 1;
    const { postId } = await addApprovedPost(db(), fixture, {
      channels: [{ id: channel, network: 'mastodon' }],
      text: `Flu shots this week, walk-ins welcome (${dialect} ${n}).`,
    });
    await schedulePost(db(), {
      actor: fixture.actor,
      orgId: fixture.orgId,
      postId,
      localTime: '2026-01-15T09:00',
      now: SCHEDULED_FROM,
    });
    return postId;
  }
  const targets = () =>
    db()
      .selectFrom('postTargets')
      .select(['id', 'postId', 'status', 'attempts', 'nextAttemptAt', 'idempotencyKey'])
      .where('status', '!=', 'canceled')
      .execute();

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    // One process key for both organizations, as in a real deployment.
    const secretKey = randomBytes(32);
    f = await createDispatchFixture(db(), { tag: `batch-${dialect}`, secretKey });
    other = await createDispatchFixture(db(), { tag: `batch-other-${dialect}`, secretKey });
  }, 60_000);
  afterAll(async () => database?.drop());
  beforeEach(async () => {
    fake = await startMastodonFake();
    channelId = await addChannel(db(), f, {
      network: 'mastodon',
      serviceUrl: fake.baseUrl,
      credentials: mastodonCredentials(fake.baseUrl, fake.token),
    });
    await db()
      .updateTable('postTargets')
      .set({ status: 'canceled' })
      .where('status', 'in', ['queued', 'paused', 'publishing'])
      .execute();
  });
  afterEach(async () => fake.close());

  it('a worker publishing many targets at once writes each exactly once, with an intact audit chain per organization', async () => {
    const otherChannel = await addChannel(db(), other, {
      network: 'mastodon',
      serviceUrl: fake.baseUrl,
      credentials: mastodonCredentials(fake.baseUrl, fake.token),
    });
    const postIds: string[] = [];
    for (let i = 0; i < 12; i += 1)
      postIds.push(await (i % 3 === 0 ? scheduled(other, otherChannel) : scheduled()));
    fake.delay('POST /api/v1/statuses', 30);
    const outcomes: string[] = [];
    const dispatcher = new Dispatcher(worker('batcher', { now: () => later(0) }), {
      concurrency: 8,
      claimBatch: 2,
      pollMs: 20,
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    dispatcher.start();
    try {
      await waitUntil(async () => outcomes.length >= 12, { timeoutMs: 60_000, what: 'all 12' });
    } finally {
      await dispatcher.stop();
    }
    expect(outcomes).toEqual(Array(12).fill('published'));
    const rows = await targets();
    expect(rows.map((r) => r.status)).toEqual(Array(12).fill('published'));
    const keys = sent().map((r) => r.headers['idempotency-key']);
    expect(keys.sort()).toEqual(rows.map((r) => r.idempotencyKey).sort());
    const events = await db()
      .selectFrom('auditEvents')
      .select(['orgId', 'details'])
      .where('action', '=', 'post.target_published')
      .execute();
    expect(events).toHaveLength(12);
    expect(events.filter((e) => e.orgId === other.orgId)).toHaveLength(4);
    for (const fixture of [f, other])
      expect(await verifyAuditChain(db(), { orgId: fixture.orgId })).toMatchObject({ ok: true });
    const posts = await db()
      .selectFrom('posts')
      .select('status')
      .where('id', 'in', postIds)
      .execute();
    expect(posts.map((p) => p.status)).toEqual(Array(12).fill('published'));
  });

  it('a batch writes only the targets this worker still holds; the others are reported, not written', async () => {
    for (let i = 0; i < 3; i += 1) await scheduled();
    const mine = worker('holder');
    const claimed = await claimDueTargets(db(), {
      dialect,
      owner: mine.owner,
      now: later(0),
      leaseUntil: later(300_000),
      limit: 10,
    });
    expect(claimed).toHaveLength(3);
    const [kept, takenOver, settled] = claimed;
    if (!kept || !takenOver || !settled) throw new Error('expected three claims');
    // The sweeper took one over; another was already published by someone else.
    await db()
      .updateTable('postTargets')
      .set({ leaseOwner: 'sweeper' })
      .where('id', '=', takenOver.id)
      .execute();
    await db()
      .updateTable('postTargets')
      .set({ status: 'published', leaseOwner: null, remoteId: 'elsewhere' })
      .where('id', '=', settled.id)
      .execute();
    const written = await markPublishedBatch(
      mine,
      [kept, takenOver, settled].map((target, i) => ({
        target,
        post: { remoteId: `r${i}`, url: `https://example.test/r${i}` },
        recovered: false,
      })),
    );
    expect(written).toEqual([true, false, false]);
    const rows = await db()
      .selectFrom('postTargets')
      .select(['id', 'status', 'remoteId', 'remoteUrl'])
      .where(
        'id',
        'in',
        claimed.map((c) => c.id),
      )
      .execute();
    expect(new Map(rows.map((r) => [r.id, [r.status, r.remoteId, r.remoteUrl]]))).toEqual(
      new Map([
        [kept.id, ['published', 'r0', 'https://example.test/r0']],
        [takenOver.id, ['publishing', null, null]],
        [settled.id, ['published', 'elsewhere', null]],
      ]),
    );
    const events = await db()
      .selectFrom('auditEvents')
      .select('details')
      .where('action', '=', 'post.target_published')
      .where('orgId', '=', f.orgId)
      .execute();
    expect(events.filter((e) => e.details.includes(kept.id))).toHaveLength(1);
    expect(events.some((e) => e.details.includes(takenOver.id))).toBe(false);
    expect(await verifyAuditChain(db(), { orgId: f.orgId })).toMatchObject({ ok: true });
    expect(await markPublishedBatch(mine, [])).toEqual([]);
  });

  it('an organization whose audit chain another transaction holds is written later, not waited for', async () => {
    const otherChannel = await addChannel(db(), other, {
      network: 'mastodon',
      serviceUrl: fake.baseUrl,
      credentials: mastodonCredentials(fake.baseUrl, fake.token),
    });
    await scheduled();
    await scheduled(other, otherChannel);
    const mine = worker('deferrer');
    const claimed = await claimDueTargets(db(), {
      dialect,
      owner: mine.owner,
      now: later(0),
      leaseUntil: later(300_000),
      limit: 10,
    });
    const ours = claimed.find((t) => t.orgId === f.orgId);
    const theirs = claimed.find((t) => t.orgId === other.orgId);
    if (!ours || !theirs) throw new Error('expected one claim per organization');
    const item = (target: typeof ours) => ({
      target,
      post: { remoteId: `r-${target.id}`, url: undefined },
      recovered: false,
    });
    if (dialect === 'postgres') {
      // Another writer is appending to the other organization's chain right now.
      await db()
        .transaction()
        .execute(async (tx) => {
          await tx
            .selectFrom('auditChainHeads')
            .select('orgId')
            .where('orgId', '=', other.orgId)
            .forUpdate()
            .execute();
          expect(await markPublishedBatch(mine, [item(ours), item(theirs)])).toEqual([
            true,
            'later',
          ]);
        });
      expect((await targets()).find((t) => t.id === theirs.id)?.status).toBe('publishing');
      // Once it has committed, the batch writer gets it in.
      const batch = new PublishedBatch(mine, { gatherMs: 0 });
      expect(await batch.record(item(theirs))).toBe(true);
    } else {
      // One writer at a time on SQLite: nothing is ever busy.
      expect(await markPublishedBatch(mine, [item(ours), item(theirs)])).toEqual([true, true]);
    }
    const rows = (await targets()).filter((t) => t.id === ours.id || t.id === theirs.id);
    expect(rows.map((t) => t.status)).toEqual(['published', 'published']);
    for (const fixture of [f, other])
      expect(await verifyAuditChain(db(), { orgId: fixture.orgId })).toMatchObject({ ok: true });
  });

  it("a network app's request cap holds across workers: past it, targets wait unsent for the next window", async () => {
    const capped = { mastodon: { requests: 3, seconds: 60, perServer: true } };
    for (let i = 0; i < 2; i += 1) await scheduled();
    const a = worker('cap-a', { appLimits: capped });
    const b = worker('cap-b', { appLimits: capped });
    expect((await runDueTargets(a, later(0))).map((o) => o.outcome)).toEqual([
      'published',
      'published',
    ]);
    for (let i = 0; i < 3; i += 1) await scheduled();
    const second = await runDueTargets(b, later(1_000));
    expect(second.map((o) => o.outcome).sort()).toEqual([
      'published',
      'rate_limited',
      'rate_limited',
    ]);
    expect(sent()).toHaveLength(3);
    const waiting = (await targets()).filter((t) => t.status === 'queued');
    // The window opened at the first request (T0) and lasts 60 s; waiting costs no attempt.
    expect(waiting.map((t) => [t.attempts, t.nextAttemptAt])).toEqual([
      [0, later(60_000).toISOString()],
      [0, later(60_000).toISOString()],
    ]);
    expect(await runDueTargets(a, later(59_000))).toEqual([]);
    const next = await runDueTargets(a, later(60_000));
    expect(next.map((o) => o.outcome)).toEqual(['published', 'published']);
    expect(sent()).toHaveLength(5);
    expect(new Set(sent().map((r) => r.headers['idempotency-key'])).size).toBe(5);
  });

  it('two workers taking from one cap at the same moment never exceed it together', async () => {
    const capped = { mastodon: { requests: 4, seconds: 300, perServer: true } };
    for (let i = 0; i < 8; i += 1) await scheduled();
    const both = await Promise.all(
      ['race-a', 'race-b'].map(async (name) => {
        const deps = worker(name, { appLimits: capped });
        const claimed = await claimDueTargets(db(), {
          dialect,
          owner: deps.owner,
          now: later(0),
          leaseUntil: later(300_000),
          limit: 4,
        });
        return prepareClaim(deps, claimed, later(0));
      }),
    );
    const ready = both.flatMap((map) => [...map.values()]);
    expect(ready).toHaveLength(8);
    expect(ready.filter((r) => !r.limitedUntil)).toHaveLength(4);
    expect(ready.filter((r) => r.limitedUntil)).toHaveLength(4);
  });

  it('a network without a cap configured is neither counted nor held back', async () => {
    const x = worker('nocap', { appLimits: { x: DEFAULT_APP_LIMITS.x } });
    await scheduled();
    expect((await runDueTargets(x, later(0))).map((o) => o.outcome)).toEqual(['published']);
    const windows = await db()
      .selectFrom('dispatchRateLimits')
      .select('key')
      .where('key', 'like', 'cap:%')
      .execute();
    expect(windows.map((w) => w.key)).not.toContain(`cap:mastodon:${new URL(fake.baseUrl).host}`);
  });
});

describe('per-app request caps: configuration', () => {
  it('the caps come from the documented defaults and BEDSIDE_DISPATCH_APP_LIMITS; bad values are refused', () => {
    const base = { BEDSIDE_DATA_DIR: mkdtempSync(join(tmpdir(), 'bedside-caps-')) };
    const config = loadConfig({ ...base, BEDSIDE_DISPATCH_APP_LIMITS: 'x=50/900, mastodon=off' });
    expect(config.dispatch.appLimits).toEqual({
      x: { requests: 50, seconds: 900 },
      mastodon: null,
    });
    const limits = appLimitsWith(config.dispatch.appLimits);
    expect(limits.x).toEqual({ requests: 50, seconds: 900, perServer: false });
    expect(limits.mastodon).toBeUndefined();
    expect(limits.bluesky).toEqual(DEFAULT_APP_LIMITS.bluesky);
    expect(loadConfig(base).dispatch.appLimits).toEqual({});
    for (const bad of ['x=0/60', 'x=10', 'myspace=5/60', 'x=5/60;drop table', 'x=-1/60', 'x=5/0'])
      expect(() => loadConfig({ ...base, BEDSIDE_DISPATCH_APP_LIMITS: bad }), bad).toThrow(
        /BEDSIDE_DISPATCH_APP_LIMITS/,
      );
  });
});
