import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  startMastodonFake,
  type MastodonFake,
} from '../../connectors/test-support/mastodon-contract-fake.js';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { waitUntil } from '../../jobs/test-support/wait-until.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { schedulePost } from './schedule-post.js';
import { startBedsideProcess, type BedsideProcess } from './test-support/bedside-process.js';
import {
  addApprovedPost,
  addChannel,
  createDispatchFixture,
  mastodonCredentials,
  type DispatchFixture,
} from './test-support/dispatch-fixture.js';

const SCHEDULED_FROM = new Date('2026-01-01T12:00:00Z');
/** The fake creates each status at once but answers this late, so a kill lands mid-publish. */
const NETWORK_DELAY_MS = 1_500;

interface Setup {
  handle: DatabaseHandle;
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** PostgreSQL: a fresh test database. SQLite: the embedded server's own data folder and key. */
async function prepare(dialect: DialectName, key: Buffer): Promise<Setup> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bedside-crash-'));
  const common = {
    BEDSIDE_DATA_DIR: dataDir,
    BEDSIDE_LOG_LEVEL: 'warn',
    BEDSIDE_DISPATCH_LEASE_SECONDS: '3',
    BEDSIDE_DISPATCH_CONCURRENCY: '4',
    // The fake network is on this computer; production refuses loopback service addresses.
    BEDSIDE_SERVICE_ADDRESSES: 'loopback',
  };
  if (dialect === 'postgres') {
    const test: TestDatabase = await createTestDatabase('postgres');
    if (test.database.kind !== 'postgres') throw new Error('expected PostgreSQL');
    return {
      handle: test.handle,
      env: {
        ...common,
        DATABASE_URL: test.database.url,
        BEDSIDE_SECRET_KEY: key.toString('base64'),
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: '9',
        BEDSIDE_ROLES: 'worker',
      },
      drop: async () => {
        await test.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  writeFileSync(join(dataDir, 'secret.key'), `${key.toString('base64')}\n`, { mode: 0o600 });
  const handle = openDatabase({ kind: 'sqlite', file: join(dataDir, 'bedside.sqlite') });
  await migrateToLatest(handle);
  return {
    handle,
    env: { ...common, PORT: '0', HOST: '127.0.0.1', BEDSIDE_DISPATCH_CONCURRENCY: '16' },
    drop: async () => {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describeEachDialect('kill -9 in the middle of publishing', (dialect) => {
  const key = randomBytes(32);
  let setup: Setup;
  let f: DispatchFixture;
  let fake: MastodonFake;
  const processes: BedsideProcess[] = [];
  const texts: string[] = [];
  const db = () => setup.handle.db;
  const targetCount = dialect === 'postgres' ? 48 : 12;

  beforeAll(async () => {
    setup = await prepare(dialect, key);
    f = await createDispatchFixture(db(), { tag: `crash-${dialect}`, secretKey: key });
    fake = await startMastodonFake();
    fake.delay('POST /api/v1/statuses', NETWORK_DELAY_MS);
    const channels: string[] = [];
    for (let c = 0; c < 4; c += 1)
      channels.push(
        await addChannel(db(), f, {
          network: 'mastodon',
          serviceUrl: fake.baseUrl,
          credentials: mastodonCredentials(fake.baseUrl, fake.token),
        }),
      );
    for (let i = 0; i < targetCount; i += 1) {
      const text = `Crash run ${dialect} post number ${i}: flu shots this week.`;
      texts.push(text);
      const { postId } = await addApprovedPost(db(), f, {
        channels: [{ id: channels[i % channels.length] ?? '', network: 'mastodon' }],
        text,
      });
      await schedulePost(db(), {
        actor: f.actor,
        orgId: f.orgId,
        postId,
        localTime: '2026-01-15T09:00',
        now: SCHEDULED_FROM,
      });
    }
  }, 120_000);
  afterAll(async () => {
    for (const p of processes) await p.stop();
    await fake?.close();
    await setup?.drop();
  });

  const postsReceived = () =>
    fake.requests
      .filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses')
      .map((r) => (JSON.parse(r.body) as { status: string }).status);
  const statuses = () => db().selectFrom('postTargets').select(['status', 'leaseOwner']).execute();

  it(
    dialect === 'postgres'
      ? 'four `bedside worker` processes, one killed mid-batch: every target published exactly once or unconfirmed'
      : 'the embedded `bedside serve` killed mid-publish and restarted: every target published exactly once or unconfirmed',
    async () => {
      const start = () => {
        const p = startBedsideProcess([dialect === 'postgres' ? 'worker' : 'serve'], setup.env);
        processes.push(p);
        return p;
      };
      const first = dialect === 'postgres' ? [start(), start(), start(), start()] : [start()];
      await waitUntil(async () => postsReceived().length >= (dialect === 'postgres' ? 8 : 4), {
        timeoutMs: 90_000,
        what: `publishing to start (${first.map((p) => p.output()).join('\n')})`,
      });
      // Kill a process that holds targets in flight.
      const owners = new Set(
        (await statuses()).filter((s) => s.status === 'publishing').map((s) => s.leaseOwner),
      );
      const victim = first.find((p) =>
        [...owners].some((o) => o?.split(':')[1] === String(p.child.pid)),
      );
      if (!victim) throw new Error('no worker holds a target in flight');
      await victim.kill9();
      const victimPid = String(victim.child.pid);
      const orphaned = (await statuses()).filter(
        (s) => s.status === 'publishing' && s.leaseOwner?.split(':')[1] === victimPid,
      );
      expect(orphaned.length).toBeGreaterThan(0);
      start(); // the restart (a replacement worker beside the survivors, or the server again)

      await waitUntil(
        async () =>
          (await statuses()).every((s) => s.status === 'published' || s.status === 'unconfirmed'),
        {
          timeoutMs: 120_000,
          what: `every target to settle (${processes.map((p) => p.output()).join('\n')})`,
        },
      );
      const rows = await db()
        .selectFrom('postTargets')
        .innerJoin('postVariants', 'postVariants.id', 'postTargets.variantId')
        .select(['postTargets.status', 'postTargets.remoteId', 'postVariants.publishText as text'])
        .execute();
      expect(rows).toHaveLength(targetCount);
      const received = postsReceived();
      for (const row of rows) {
        const sent = received.filter((text) => text === row.text).length;
        if (row.status === 'published') {
          expect(sent, row.text).toBe(1);
          expect(row.remoteId).toMatch(/^\d+$/);
        } else {
          // Unconfirmed means the network was asked and did not have it: it was never sent.
          expect(sent, row.text).toBe(0);
        }
      }
      expect(received.length).toBe(new Set(received).size);
      expect(fake.statusCount()).toBe(rows.filter((r) => r.status === 'published').length);
    },
    300_000,
  );
});
