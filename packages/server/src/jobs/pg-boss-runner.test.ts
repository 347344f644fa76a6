import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { missingReason } from '../../../../tools/test-env.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { createJobRunner } from './create-job-runner.js';
import type { JobDefinition } from './job-runner.js';
import { PgBossJobRunner, type PgBossRunnerOptions } from './pg-boss-runner.js';
import { captureLog } from './test-support/capture-log.js';
import { waitUntil } from './test-support/wait-until.js';

const phi = 'Jane Doe, DOB 1970-01-01';
const payload = z.object({ note: z.string() });
const skipReason = missingReason('postgres');
if (skipReason) console.warn(`pg-boss job runner: ${skipReason}`);

describe.skipIf(Boolean(skipReason))('pg-boss job runner [postgres]', () => {
  let testDb: TestDatabase;
  const runners: PgBossJobRunner[] = [];
  beforeEach(async () => {
    testDb = await createTestDatabase('postgres');
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await testDb.drop();
  });

  function runner(options: Partial<PgBossRunnerOptions> = {}): PgBossJobRunner {
    if (testDb.database.kind !== 'postgres') throw new Error('unreachable');
    const created = new PgBossJobRunner({
      db: testDb.handle.db,
      databaseUrl: testDb.database.url,
      log: captureLog().log,
      pollingIntervalSeconds: 0.5,
      retryDelaySeconds: 1,
      ...options,
    });
    runners.push(created);
    return created;
  }
  const state = async (id: string) => {
    const result = await sql<{
      state: string;
      output: unknown;
    }>`select state, output from pgboss.job where id = ${id}`.execute(testDb.handle.db);
    return result.rows[0];
  };

  it('runs a job with the app database in its context', async () => {
    const seen: unknown[] = [];
    const jobs = runner();
    jobs.register({
      id: 'note',
      payload,
      handler: async (p, context) => {
        const orgs = await context.db.selectFrom('organizations').select('id').execute();
        seen.push({ p, attempt: context.attempt, orgs: orgs.length });
      },
    });
    await jobs.start({ work: true, schedule: false });
    const id = await jobs.enqueue('note', { note: 'hello' });
    await waitUntil(async () => (await state(id!))?.state === 'completed', {
      what: 'the job to complete',
    });
    expect(seen).toEqual([{ p: { note: 'hello' }, attempt: 1, orgs: 0 }]);
    await expect(jobs.enqueue('note', { note: 1 } as unknown as { note: string })).rejects.toThrow(
      /invalid payload/,
    );
  });

  it('de-duplicates by singleton key among pending jobs', async () => {
    const jobs = runner();
    jobs.register({ id: 'note', payload, handler: async () => undefined });
    await jobs.start({ work: false, schedule: false });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        jobs.enqueue('note', { note: 'x' }, { singletonKey: 'org-1' }),
      ),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await jobs.enqueue('note', { note: 'x' }, { singletonKey: 'org-2' })).not.toBeNull();
    expect(await jobs.enqueue('note', { note: 'x' })).not.toBeNull();
  });

  it(
    'retries then fails after maxAttempts, storing no error message',
    { timeout: 90_000 },
    async () => {
      const capture = captureLog();
      const attempts: number[] = [];
      const jobs = runner({ log: capture.log });
      jobs.register({
        id: 'flaky',
        payload,
        maxAttempts: 3,
        handler: async (_p, context) => {
          attempts.push(context.attempt);
          throw new TypeError(`could not reach ${phi}`);
        },
      });
      await jobs.start({ work: true, schedule: false });
      const id = await jobs.enqueue('flaky', { note: phi });
      await waitUntil(async () => (await state(id!))?.state === 'failed', {
        what: 'the job to fail',
        timeoutMs: 60_000,
      });
      expect(attempts).toEqual([1, 2, 3]);
      const output = JSON.stringify((await state(id!))?.output);
      expect(output).toContain('TypeError');
      expect(output).not.toContain('Jane');
      expect(capture.text()).not.toContain('Jane');
    },
  );

  it('never runs a job twice with two workers on the database', { timeout: 90_000 }, async () => {
    const runs = new Map<number, number>();
    const definition: JobDefinition<{ n: number }> = {
      id: 'count',
      payload: z.object({ n: z.number() }),
      handler: async (p) => void runs.set(p.n, (runs.get(p.n) ?? 0) + 1),
    };
    const [a, b] = [runner(), runner()];
    a.register(definition);
    b.register(definition);
    await Promise.all([
      a.start({ work: true, schedule: false }),
      b.start({ work: true, schedule: false }),
    ]);
    for (let n = 0; n < 100; n++) await a.enqueue('count', { n });
    await waitUntil(() => runs.size === 100, { what: 'all 100 jobs', timeoutMs: 60_000 });
    const completed = sql<{
      count: number;
    }>`select count(*)::int as count from pgboss.job where name = 'count' and state = 'completed'`;
    await waitUntil(
      async () => (await completed.execute(testDb.handle.db)).rows[0]?.count === 100,
      { what: 'all 100 completions' },
    );
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  });

  it('registers cron definitions as pg-boss schedules in UTC', async () => {
    const jobs = runner();
    jobs.register({
      id: 'nightly',
      payload: z.object({}),
      cron: '0 3 * * *',
      handler: async () => undefined,
    });
    await jobs.start({ work: false, schedule: true });
    const schedules = await sql<{
      name: string;
      cron: string;
      timezone: string;
    }>`select name, cron, timezone from pgboss.schedule`.execute(testDb.handle.db);
    expect(schedules.rows).toEqual([{ name: 'nightly', cron: '0 3 * * *', timezone: 'UTC' }]);
  });

  it('unschedules a cron job an upgrade removed', async () => {
    const before = runner();
    for (const id of ['nightly', 'retired'])
      before.register({
        id,
        payload: z.object({}),
        cron: '0 3 * * *',
        handler: async () => undefined,
      });
    await before.start({ work: false, schedule: true });
    await before.stop();
    const after = runner();
    after.register({
      id: 'nightly',
      payload: z.object({}),
      cron: '0 3 * * *',
      handler: async () => undefined,
    });
    await after.start({ work: false, schedule: true });
    const schedules = await sql<{
      name: string;
    }>`select name from pgboss.schedule order by name`.execute(testDb.handle.db);
    expect(schedules.rows).toEqual([{ name: 'nightly' }]);
  });

  it('is what createJobRunner picks on PostgreSQL', () => {
    if (testDb.database.kind !== 'postgres') throw new Error('unreachable');
    expect(
      createJobRunner({
        handle: testDb.handle,
        log: captureLog().log,
        databaseUrl: testDb.database.url,
      }),
    ).toBeInstanceOf(PgBossJobRunner);
    expect(() => createJobRunner({ handle: testDb.handle, log: captureLog().log })).toThrow(
      /database URL/,
    );
  });
});
