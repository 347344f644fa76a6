import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../test-support/test-database.js';
import { JobStore, purgeFinishedJobs } from './job-store.js';

describeEachDialect('job store', (dialect) => {
  let testDb: TestDatabase;
  let second: DatabaseHandle;
  beforeEach(async () => {
    testDb = await createTestDatabase(dialect);
    second = openDatabase(testDb.database);
  });
  afterEach(async () => {
    await second.close();
    await testDb.drop();
  });

  // Regression: as a plain `IN (… SKIP LOCKED)` subquery PostgreSQL claimed more than the limit,
  // which sent the poll loop spinning.
  it('claims at most the limit, and concurrent claims never overlap', async () => {
    const now = new Date();
    const store = new JobStore(testDb.handle.db, dialect);
    for (let n = 0; n < 30; n++)
      await store.insert({ name: 'count', payload: '{}', maxAttempts: 5, runAt: now, now });
    const stores = [store, new JobStore(second.db, dialect)];
    const claim = (s: JobStore) =>
      s.claim({ names: ['count'], now, leaseUntil: new Date(now.getTime() + 60_000), limit: 3 });
    const batches = await Promise.all(Array.from({ length: 12 }, (_, i) => claim(stores[i % 2]!)));
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(3);
    const ids = batches.flat().map((row) => row.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it('lets only the current lease holder record an outcome', async () => {
    const now = new Date();
    const store = new JobStore(testDb.handle.db, dialect);
    await store.insert({ name: 'count', payload: '{}', maxAttempts: 5, runAt: now, now });
    const [first] = await store.claim({
      names: ['count'],
      now,
      leaseUntil: new Date(now.getTime() + 1_000),
      limit: 1,
    });
    const later = new Date(now.getTime() + 2_000);
    const [second] = await store.claim({
      names: ['count'],
      now: later,
      leaseUntil: new Date(later.getTime() + 1_000),
      limit: 1,
    });
    expect(await store.complete({ id: first!.id, token: first!.lockedUntil!, now: later })).toBe(
      false,
    );
    expect(await store.complete({ id: second!.id, token: second!.lockedUntil!, now: later })).toBe(
      true,
    );
  });

  it('purges finished jobs older than the cut-off and keeps queued, running and recent ones', async () => {
    const store = new JobStore(testDb.handle.db, dialect);
    const old = new Date('2026-01-01T00:00:00Z');
    const recent = new Date();
    const ids: Record<string, string> = {};
    for (const [label, at] of [
      ['oldDone', old],
      ['oldFailed', old],
      ['oldQueued', old],
      ['recentDone', recent],
    ] as const)
      ids[label] = (await store.insert({
        name: label,
        payload: '{}',
        maxAttempts: 1,
        runAt: at,
        now: at,
      }))!;
    const db = testDb.handle.db;
    const setStatus = (id: string, status: 'done' | 'failed', at: Date) =>
      db
        .updateTable('jobs')
        .set({ status, updatedAt: at.toISOString() })
        .where('id', '=', id)
        .execute();
    await setStatus(ids.oldDone!, 'done', old);
    await setStatus(ids.oldFailed!, 'failed', old);
    await setStatus(ids.recentDone!, 'done', recent);

    const cutOff = new Date(recent.getTime() - 7 * 86_400_000);
    expect(await purgeFinishedJobs(db, cutOff)).toBe(2);
    expect(await purgeFinishedJobs(db, cutOff)).toBe(0);
    const left = await db.selectFrom('jobs').select('name').orderBy('name').execute();
    expect(left.map((row) => row.name)).toEqual(['oldQueued', 'recentDone']);
  });
});
