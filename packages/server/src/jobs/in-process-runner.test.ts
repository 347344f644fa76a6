import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../test-support/test-database.js';
import { backoffDelay } from './backoff.js';
import { InProcessJobRunner, type InProcessRunnerOptions } from './in-process-runner.js';
import { InvalidJobPayloadError } from './job-errors.js';
import type { JobDefinition } from './job-runner.js';
import { JobStore } from './job-store.js';
import { captureLog } from './test-support/capture-log.js';
import { waitUntil } from './test-support/wait-until.js';

/** A value that stands for patient data: it must never appear in a log or in `last_error`. */
const phi = 'Jane Doe, DOB 1970-01-01';
const payload = z.object({ note: z.string() });

describe('backoffDelay', () => {
  it('doubles per failure, with half of each delay random, up to the cap', () => {
    const options = { baseMs: 1_000, maxMs: 10_000 };
    expect([1, 2, 3].map((n) => backoffDelay(n, options, () => 0))).toEqual([500, 1_000, 2_000]);
    expect([1, 2, 3].map((n) => backoffDelay(n, options, () => 1))).toEqual([1_000, 2_000, 4_000]);
    expect(backoffDelay(30, options, () => 1)).toBe(10_000);
  });
});

describeEachDialect('in-process job runner', (dialect) => {
  let testDb: TestDatabase;
  const runners: InProcessJobRunner[] = [];
  const extraHandles: DatabaseHandle[] = [];

  beforeEach(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await Promise.all(extraHandles.splice(0).map((h) => h.close()));
    await testDb.drop();
  });

  function runner(options: Partial<InProcessRunnerOptions> = {}): InProcessJobRunner {
    const created = new InProcessJobRunner({
      handle: testDb.handle,
      log: captureLog().log,
      pollIntervalMs: 20,
      backoff: { baseMs: 10, maxMs: 50 },
      ...options,
    });
    runners.push(created);
    return created;
  }
  const jobRow = (id: string) =>
    testDb.handle.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('runs a job with its payload and marks it done', async () => {
    const seen: unknown[] = [];
    const jobs = runner();
    jobs.register({
      id: 'note',
      payload,
      handler: async (p, context) => void seen.push({ p, attempt: context.attempt }),
    });
    await jobs.start({ work: true, schedule: false });
    const id = await jobs.enqueue('note', { note: 'hello' });
    await waitUntil(async () => (await jobRow(id!)).status === 'done', {
      what: 'the job to finish',
    });
    expect(seen).toEqual([{ p: { note: 'hello' }, attempt: 1 }]);
  });

  it('retries with backoff, then fails after maxAttempts recording only the error class', async () => {
    const capture = captureLog();
    const attempts: number[] = [];
    const jobs = runner({ log: capture.log });
    jobs.register({
      id: 'flaky',
      payload,
      maxAttempts: 3,
      handler: async (_p, context) => {
        attempts.push(context.attempt);
        context.log.info({}, 'trying');
        throw new TypeError(`could not reach ${phi}`);
      },
    });
    await jobs.start({ work: true, schedule: false });
    const id = await jobs.enqueue('flaky', { note: phi });
    await waitUntil(async () => (await jobRow(id!)).status === 'failed', {
      what: 'the job to fail',
    });
    const row = await jobRow(id!);
    expect(attempts).toEqual([1, 2, 3]);
    expect(row).toMatchObject({ attempts: 3, lastError: 'TypeError', lockedUntil: null });
    expect(capture.lines.filter((l) => l.msg === 'job attempt failed')).toHaveLength(2);
    expect(capture.text()).not.toContain('Jane');
  });

  it('puts a retried job back for later, not at once', async () => {
    const jobs = runner({ backoff: { baseMs: 60_000, maxMs: 60_000 } });
    jobs.register({ id: 'slow-retry', payload, handler: () => Promise.reject(new Error('nope')) });
    await jobs.start({ work: true, schedule: false });
    const before = Date.now();
    const id = await jobs.enqueue('slow-retry', { note: 'x' });
    await waitUntil(
      async () => (await jobRow(id!)).attempts === 1 && (await jobRow(id!)).status === 'queued',
      { what: 'the retry' },
    );
    expect(Date.parse((await jobRow(id!)).runAt) - before).toBeGreaterThanOrEqual(30_000);
  });

  it('picks up a job whose lease expired, and leaves one whose lease holds', async () => {
    const now = new Date();
    const row = (id: string, lockedUntil: Date) => ({
      id,
      name: 'note',
      payload: JSON.stringify({ note: 'x' }),
      status: 'running' as const,
      attempts: 1,
      maxAttempts: 5,
      runAt: now.toISOString(),
      lockedUntil: lockedUntil.toISOString(),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    await testDb.handle.db
      .insertInto('jobs')
      .values([
        row('crashed', new Date(now.getTime() - 1_000)),
        row('alive', new Date(now.getTime() + 60_000)),
      ])
      .execute();
    const store = new JobStore(testDb.handle.db, dialect);
    const claimed = await store.claim({
      names: ['note'],
      now,
      leaseUntil: new Date(now.getTime() + 5_000),
      limit: 10,
    });
    expect(claimed.map((c) => [c.id, c.attempts])).toEqual([['crashed', 2]]);

    await testDb.handle.db
      .updateTable('jobs')
      .set({ lockedUntil: new Date(now.getTime() - 1_000).toISOString() })
      .where('id', '=', 'crashed')
      .execute();
    const attempts: number[] = [];
    const jobs = runner();
    jobs.register({
      id: 'note',
      payload,
      handler: async (_p, context) => void attempts.push(context.attempt),
    });
    await jobs.start({ work: true, schedule: false });
    await waitUntil(async () => (await jobRow('crashed')).status === 'done', {
      what: 'the crashed job to rerun',
    });
    expect(attempts).toEqual([3]);
    expect((await jobRow('alive')).status).toBe('running');
  });

  it('de-duplicates by singleton key among queued and running jobs of a name', async () => {
    const jobs = runner();
    jobs.register({ id: 'note', payload, handler: async () => undefined });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        jobs.enqueue('note', { note: 'x' }, { singletonKey: 'org-1' }),
      ),
    );
    const first = results.filter((r) => r !== null);
    expect(first).toHaveLength(1);
    expect(await jobs.enqueue('note', { note: 'x' }, { singletonKey: 'org-2' })).not.toBeNull();
    await jobs.start({ work: true, schedule: false });
    await waitUntil(async () => (await jobRow(first[0]!)).status === 'done', {
      what: 'the singleton to finish',
    });
    expect(await jobs.enqueue('note', { note: 'x' }, { singletonKey: 'org-1' })).not.toBeNull();
  });

  it('refuses an invalid payload at enqueue without echoing it', async () => {
    const jobs = runner();
    jobs.register({ id: 'note', payload, handler: async () => undefined });
    const attempt = jobs.enqueue('note', { note: 42, name: phi } as unknown as { note: string });
    await expect(attempt).rejects.toBeInstanceOf(InvalidJobPayloadError);
    await expect(jobs.enqueue('note', { note: 7 } as unknown as { note: string })).rejects.toThrow(
      /note: invalid_type/,
    );
    await expect(jobs.enqueue('missing', {})).rejects.toThrow(/not registered/);
    expect(await testDb.handle.db.selectFrom('jobs').select('id').execute()).toEqual([]);
  });

  it('stores only the fields the schema knows', async () => {
    const jobs = runner();
    jobs.register({ id: 'note', payload, handler: async () => undefined });
    const id = await jobs.enqueue('note', { note: 'x', patientName: phi } as { note: string });
    expect(JSON.parse((await jobRow(id!)).payload)).toEqual({ note: 'x' });
  });

  it('never runs a job twice when two runners share the database', async () => {
    const runs = new Map<string, number>();
    const definition: JobDefinition<{ n: number }> = {
      id: 'count',
      payload: z.object({ n: z.number() }),
      handler: async (p) => {
        await new Promise((resolve) => setImmediate(resolve));
        runs.set(String(p.n), (runs.get(String(p.n)) ?? 0) + 1);
      },
    };
    const second = openDatabase(testDb.database);
    extraHandles.push(second);
    const a = runner({ concurrency: 4 });
    const b = runner({ concurrency: 4, handle: second });
    a.register(definition);
    b.register(definition);
    for (let n = 0; n < 200; n++) await a.enqueue('count', { n });
    await Promise.all([
      a.start({ work: true, schedule: false }),
      b.start({ work: true, schedule: false }),
    ]);
    const done = async () =>
      (
        await testDb.handle.db
          .selectFrom('jobs')
          .select('id')
          .where('status', '=', 'done')
          .execute()
      ).length;
    await waitUntil(async () => (await done()) === 200, {
      what: 'all 200 jobs',
      timeoutMs: 60_000,
    });
    expect(runs.size).toBe(200);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  });

  it('waits for running handlers on stop', async () => {
    let release: () => void = () => undefined;
    let started = false;
    const jobs = runner();
    jobs.register({
      id: 'note',
      payload,
      handler: () => ((started = true), new Promise<void>((resolve) => (release = resolve))),
    });
    await jobs.start({ work: true, schedule: false });
    const id = await jobs.enqueue('note', { note: 'x' });
    await waitUntil(() => started, { what: 'the handler to start' });
    const stopping = jobs.stop();
    release();
    await stopping;
    expect((await jobRow(id!)).status).toBe('done');
  });
});
