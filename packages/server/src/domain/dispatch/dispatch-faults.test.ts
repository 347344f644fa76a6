import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  startMastodonFake,
  type MastodonFake,
} from '../../connectors/test-support/mastodon-contract-fake.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { createChannelConnectors } from '../channels/channel-connectors.js';
import { resumeReconnectedChannels } from './channel-pause.js';
import { claimDueTargets } from './claim-targets.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { schedulePost } from './schedule-post.js';
import { sweepStuckTargets } from './sweep-stuck-targets.js';
import {
  addApprovedPost,
  addChannel,
  createDispatchFixture,
  mastodonCredentials,
  type DispatchFixture,
} from './test-support/dispatch-fixture.js';
import { runDueTargets } from './test-support/drive-dispatch.js';

const SCHEDULED_FROM = new Date('2026-01-01T12:00:00Z');
/** The targets below are due 2026-01-15T16:00Z; the dispatcher's clock starts just after. */
const T0 = new Date('2026-01-15T16:00:05Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const noLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

describeEachDialect('dispatch against the Mastodon contract fake', (dialect) => {
  let database: TestDatabase;
  let f: DispatchFixture;
  let fake: MastodonFake;
  let channelId: string;
  let deps: DispatchDeps;
  let n = 0;
  const db = () => database.handle.db;
  const posts = () =>
    fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses');

  async function scheduled(text?: string, channel = channelId) {
    n += 1;
    const { postId } = await addApprovedPost(db(), f, {
      channels: [{ id: channel, network: 'mastodon' }],
      text: text ?? `Flu shots this week, walk-ins welcome (${dialect} ${n}).`,
    });
    await schedulePost(db(), {
      actor: f.actor,
      orgId: f.orgId,
      postId,
      localTime: '2026-01-15T09:00',
      now: SCHEDULED_FROM,
    });
    return postId;
  }
  const target = (postId: string) =>
    db()
      .selectFrom('postTargets')
      .selectAll()
      .where('postId', '=', postId)
      .executeTakeFirstOrThrow();
  const postStatus = async (postId: string) =>
    (
      await db()
        .selectFrom('posts')
        .select('status')
        .where('id', '=', postId)
        .executeTakeFirstOrThrow()
    ).status;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    f = await createDispatchFixture(db(), { tag: `faults-${dialect}` });
  }, 60_000);
  afterAll(async () => database?.drop());
  beforeEach(async () => {
    fake = await startMastodonFake();
    channelId = await addChannel(db(), f, {
      network: 'mastodon',
      serviceUrl: fake.baseUrl,
      credentials: mastodonCredentials(fake.baseUrl, fake.token),
    });
    deps = {
      db: db(),
      dialect,
      box: f.box,
      connectors: createChannelConnectors({ timeoutMs: 400 }),
      owner: `worker-${dialect}-${n}`,
      log: noLog,
      maxAttempts: 3,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
    };
    // Earlier tests' leftovers must not be due in this one.
    await db()
      .updateTable('postTargets')
      .set({ status: 'canceled' })
      .where('status', 'in', ['queued', 'paused'])
      .execute();
  });
  afterEach(async () => fake.close());

  it('publishes a due target exactly once, with its idempotency key, and the post becomes published', async () => {
    const postId = await scheduled();
    expect(await runDueTargets(deps, later(0))).toMatchObject([{ outcome: 'published' }]);
    expect(await runDueTargets(deps, later(60_000))).toEqual([]);
    const row = await target(postId);
    expect(row).toMatchObject({
      status: 'published',
      attempts: 1,
      leaseOwner: null,
      lastErrorKind: null,
    });
    expect(row.remoteUrl).toMatch(/^https:\/\/fake\.test\/@clinic\/\d+$/);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.headers['idempotency-key']).toBe(row.idempotencyKey);
    expect(fake.statusCount()).toBe(1);
    expect(await postStatus(postId)).toBe('published');
    const actions = await db()
      .selectFrom('auditEvents')
      .select('action')
      .where('targetId', '=', postId)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['post.scheduled', 'post.target_published']);
  });

  it("sends the post's images, in order, with their alt text", async () => {
    const postId = await scheduled('With a picture of the new waiting room.');
    const stored = new Map([
      [`${f.orgId}/a.png`, new Uint8Array([1, 2, 3])],
      [`${f.orgId}/b.png`, new Uint8Array([4, 5])],
    ]);
    let position = 0;
    for (const [storageKey, bytes] of stored) {
      const mediaId = `media-${dialect}-${storageKey.slice(-5)}`;
      await db()
        .insertInto('mediaAssets')
        .values({
          id: mediaId,
          orgId: f.orgId,
          uploadedBy: f.ownerId,
          mimeType: 'image/png',
          width: 10,
          height: 10,
          byteSize: bytes.length,
          sha256: 'x'.repeat(64),
          storageKey,
          altText: `Alt ${position}`,
          createdAt: new Date().toISOString(),
        })
        .execute();
      await db()
        .insertInto('postMedia')
        .values({ postId, mediaId, orgId: f.orgId, position: position++ })
        .execute();
    }
    const withMedia = {
      ...deps,
      loadMedia: ({ storageKey }: { storageKey: string }) =>
        Promise.resolve(stored.get(storageKey) ?? new Uint8Array()),
    };
    expect(await runDueTargets(withMedia, later(0))).toMatchObject([{ outcome: 'published' }]);
    const uploads = fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v2/media');
    expect(uploads).toHaveLength(2);
    expect(uploads[0]?.body).toContain('Alt 0');
    expect(uploads[1]?.body).toContain('Alt 1');
    const status = JSON.parse(posts()[0]?.body ?? '{}') as { media_ids?: string[] };
    expect(status.media_ids).toHaveLength(2);
  });

  it('two workers claiming at once never share a target', async () => {
    for (let i = 0; i < 12; i += 1) await scheduled();
    const claim = (owner: string) =>
      claimDueTargets(db(), { dialect, owner, now: T0, leaseUntil: later(300_000), limit: 7 });
    const [a, b] = await Promise.all([claim('worker-a'), claim('worker-b')]);
    const ids = [...a, ...b].map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(12);
    expect([...a, ...b].every((t) => t.status === 'publishing' && t.attempts === 1)).toBe(true);
  });

  it('after a timeout the network is asked first, and a post that did arrive is not sent again', async () => {
    const postId = await scheduled();
    fake.delay('POST /api/v1/statuses', 1_000); // created at once, answered too late
    expect(await runDueTargets(deps, later(0))).toMatchObject([{ outcome: 'retry' }]);
    const waiting = await target(postId);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, lastErrorKind: 'transient' });
    expect(waiting.lastErrorMessage).toMatch(
      /Mastodon could not be reached or had a problem\. The instance did not answer in time\./,
    );
    expect(waiting.lastErrorFix).toMatch(/tries again by itself/);
    expect(waiting.publishStartedAt).toBe(T0.toISOString());
    expect(new Date(waiting.nextAttemptAt).getTime()).toBeGreaterThanOrEqual(later(500).getTime());
    expect(await postStatus(postId)).toBe('scheduled');
    await new Promise((resolve) => setTimeout(resolve, 700)); // let the fake finish its late answer
    expect(await runDueTargets(deps, later(2_000))).toMatchObject([{ outcome: 'found' }]);
    expect(posts()).toHaveLength(1);
    expect(fake.statusCount()).toBe(1);
    expect(await target(postId)).toMatchObject({ status: 'published', attempts: 2 });
  });

  it('a 5xx retries with backoff; the retry looks first, finds nothing, and publishes once', async () => {
    const postId = await scheduled();
    const original = fake.requests.length;
    let failures = 1;
    fake.on('POST /api/v1/statuses', () =>
      failures-- > 0
        ? { status: 503, body: '<html>Service Unavailable</html>' }
        : {
            status: 200,
            body: {
              id: '900',
              uri: 'https://fake.test/s/900',
              url: 'https://fake.test/@clinic/900',
              created_at: new Date().toISOString(),
              content: '<p>x</p>',
            },
          },
    );
    expect(await runDueTargets(deps, later(0))).toMatchObject([{ outcome: 'retry' }]);
    expect(await runDueTargets(deps, later(100))).toEqual([]); // backoff: not yet
    expect(await runDueTargets(deps, later(5_000))).toMatchObject([{ outcome: 'published' }]);
    const calls = fake.requests.slice(original).map((r) => `${r.method} ${r.path}`);
    expect(calls).toEqual([
      'POST /api/v1/statuses',
      'GET /api/v1/accounts/verify_credentials',
      'GET /api/v1/accounts/1/statuses',
      'POST /api/v1/statuses',
    ]);
    expect(await target(postId)).toMatchObject({
      status: 'published',
      remoteId: '900',
      attempts: 2,
    });
  });

  it('a 429 blocks the channel and its server until Retry-After, without spending an attempt', async () => {
    const first = await scheduled();
    const second = await scheduled();
    fake.on('POST /api/v1/statuses', () => ({
      status: 429,
      headers: { 'retry-after': '120' },
      body: { error: 'Too many requests' },
    }));
    const outcomes = await runDueTargets(deps, later(0));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['rate_limited', 'rate_limited']);
    expect(posts()).toHaveLength(1); // the second never reached the network
    for (const postId of [first, second]) {
      const row = await target(postId);
      expect(row).toMatchObject({
        status: 'queued',
        attempts: 0,
        nextAttemptAt: later(120_000).toISOString(),
      });
    }
    const blocks = await db()
      .selectFrom('dispatchRateLimits')
      .selectAll()
      .where('key', 'not like', 'cap:%') // the app limits' windows live beside the blocks
      .execute();
    const host = new URL(fake.baseUrl).host;
    expect(blocks.map((b) => [b.key, b.blockedUntil]).sort()).toEqual(
      [
        [`app:mastodon:${host}`, later(120_000).toISOString()],
        [`channel:${channelId}`, later(120_000).toISOString()],
      ].sort(),
    );
    expect((await target(first)).lastErrorFix).toMatch(/tries again after 16:02 UTC/);
  });

  it('an expired or revoked token pauses the channel and its posts and tells the owner in the app and by email', async () => {
    const first = await scheduled();
    const waitingOne = await scheduled();
    await db()
      .updateTable('postTargets')
      .set({ nextAttemptAt: later(3_600_000).toISOString() })
      .where('postId', '=', waitingOne)
      .execute();
    fake.on('POST /api/v1/statuses', () => ({
      status: 401,
      body: { error: 'The access token was revoked' },
    }));
    expect(await runDueTargets(deps, later(0))).toMatchObject([{ outcome: 'paused' }]);
    const channel = await db()
      .selectFrom('channels')
      .select(['status', 'statusReason'])
      .where('id', '=', channelId)
      .executeTakeFirstOrThrow();
    expect(channel).toEqual({
      status: 'reconnect_needed',
      statusReason: 'The access token was revoked',
    });
    expect((await target(first)).status).toBe('paused');
    expect((await target(first)).lastErrorFix).toMatch(
      /Reconnect the account in Settings → Channels/,
    );
    expect((await target(waitingOne)).status).toBe('paused');
    const told = await db()
      .selectFrom('notifications')
      .selectAll()
      .where('orgId', '=', f.orgId)
      .where('kind', '=', 'channel.reconnect_needed')
      .execute();
    expect(told.map((t) => [t.userId, t.emailStatus])).toEqual([[f.ownerId, 'pending']]);
    expect(told[0]?.title).toMatch(/^Reconnect Mastodon account /);
    // Reconnected: the paused posts are due again.
    await db()
      .updateTable('channels')
      .set({ status: 'connected' })
      .where('id', '=', channelId)
      .execute();
    expect(await resumeReconnectedChannels(db(), later(1_000))).toBe(2);
    expect((await target(first)).status).toBe('queued');
    const resumed = await db()
      .selectFrom('auditEvents')
      .select(['action', 'targetId', 'details'])
      .where('orgId', '=', f.orgId)
      .where('action', '=', 'channel.posts_resumed')
      .execute();
    expect(resumed).toEqual([
      { action: 'channel.posts_resumed', targetId: channelId, details: '{"resumed":2}' },
    ]);
    // Nothing left to resume: no second event.
    expect(await resumeReconnectedChannels(db(), later(2_000))).toBe(0);
    expect(
      await db()
        .selectFrom('auditEvents')
        .select('id')
        .where('action', '=', 'channel.posts_resumed')
        .execute(),
    ).toHaveLength(1);
  });

  it('a garbage answer is retried; when the tries run out and the post is not there, it fails with the reason and the fix', async () => {
    const postId = await scheduled();
    fake.on('POST /api/v1/statuses', () => ({ status: 200, body: 'not json at all' }));
    expect(await runDueTargets(deps, later(0))).toMatchObject([{ outcome: 'retry' }]);
    expect(await runDueTargets(deps, later(10_000))).toMatchObject([{ outcome: 'retry' }]);
    expect(await runDueTargets(deps, later(60_000))).toMatchObject([{ outcome: 'failed' }]);
    const row = await target(postId);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastErrorKind: 'transient' });
    expect(row.lastErrorMessage).toBe(
      'Mastodon could not be reached or had a problem. The instance sent an unreadable answer to publishing the post.',
    );
    expect(row.lastErrorFix).toMatch(/gave up after several tries/);
    expect(await postStatus(postId)).toBe('failed');
    const told = await db()
      .selectFrom('notifications')
      .select('kind')
      .where('kind', '=', 'post.failed')
      .execute();
    expect(told.length).toBeGreaterThan(0);
  });

  it("a refused post fails at once with the network's reason", async () => {
    const postId = await scheduled('x'.repeat(600));
    expect(await runDueTargets(deps, later(0))).toMatchObject([{ outcome: 'failed' }]);
    const row = await target(postId);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastErrorKind: 'content_rejected' });
    expect(row.lastErrorMessage).toBe(
      'Mastodon refused the post. Validation failed: Text character limit of 500 exceeded.',
    );
    expect(row.lastErrorFix).toMatch(/^Edit the Mastodon version/);
  });

  it('a post to two channels, one refused, is partially published', async () => {
    const other = await addChannel(db(), f, {
      network: 'mastodon',
      serviceUrl: fake.baseUrl,
      credentials: mastodonCredentials(fake.baseUrl, fake.token),
    });
    const { postId } = await addApprovedPost(db(), f, {
      channels: [
        { id: channelId, network: 'mastodon' },
        { id: other, network: 'mastodon' },
      ],
      text: `Two channels ${dialect}`,
    });
    await schedulePost(db(), {
      actor: f.actor,
      orgId: f.orgId,
      postId,
      localTime: '2026-01-15T09:00',
      now: SCHEDULED_FROM,
    });
    let calls = 0;
    fake.on('POST /api/v1/statuses', () =>
      (calls += 1) === 1
        ? {
            status: 200,
            body: {
              id: '77',
              uri: 'u',
              url: 'https://fake.test/@clinic/77',
              created_at: new Date().toISOString(),
              content: '',
            },
          }
        : { status: 422, body: { error: 'Validation failed: duplicate' } },
    );
    const outcomes = await runDueTargets(deps, later(0));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['failed', 'published']);
    expect(await postStatus(postId)).toBe('partially_published');
  });

  it('the sweeper recovers targets a dead worker left publishing: found → published, not found → unconfirmed; it never posts', async () => {
    const arrived = await scheduled('Arrived before the worker died');
    const lost = await scheduled('Never reached the network');
    const claimed = await claimDueTargets(db(), {
      dialect,
      owner: 'dead-worker',
      now: T0,
      leaseUntil: later(30_000),
      limit: 10,
    });
    expect(claimed).toHaveLength(2);
    // The dead worker's request for the first one did reach the network.
    await fetch(`${fake.baseUrl}/api/v1/statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'Arrived before the worker died' }),
    });
    const before = posts().length;
    // Leases still running: nothing to do.
    expect(
      await sweepStuckTargets({ ...deps, now: () => later(10_000) }, { leaseMs: 30_000 }),
    ).toEqual({ found: 0, unconfirmed: 0 });
    expect(
      await sweepStuckTargets({ ...deps, now: () => later(31_000) }, { leaseMs: 30_000 }),
    ).toEqual({ found: 1, unconfirmed: 1 });
    expect(posts().length).toBe(before);
    expect(await target(arrived)).toMatchObject({
      status: 'published',
      remoteUrl: expect.stringMatching(/fake\.test/),
    });
    const unconfirmed = await target(lost);
    expect(unconfirmed.status).toBe('unconfirmed');
    expect(unconfirmed.lastErrorFix).toMatch(/Look for the post on the Mastodon account/);
    expect(await postStatus(lost)).toBe('unconfirmed');
    expect(await runDueTargets(deps, later(3_600_000))).toEqual([]);
  });
});
