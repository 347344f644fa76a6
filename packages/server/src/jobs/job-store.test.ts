import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../test-support/test-database.js';
import { JobStore } from './job-store.js';

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
});
