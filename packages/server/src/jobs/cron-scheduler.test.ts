import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../test-support/test-database.js';
import { CronScheduler } from './cron-scheduler.js';
import { latestCronSlot, parseCron } from './cron-slot.js';
import { InProcessJobRunner } from './in-process-runner.js';
import { JobRegistry } from './job-registry.js';
import { JobStore } from './job-store.js';
import { captureLog } from './test-support/capture-log.js';
import { waitUntil } from './test-support/wait-until.js';

const at = (time: string) => new Date(`2026-03-01T${time}Z`);
const everyMinute = {
  id: 'tick',
  payload: z.object({}),
  cron: '* * * * *',
  handler: async () => undefined,
};

describe('latestCronSlot', () => {
  it('names the latest slot at or before now, in UTC', () => {
    const every5 = parseCron('*/5 * * * *');
    expect(latestCronSlot(every5, at('10:07:30'))).toBe('2026-03-01T10:05:00.000Z');
    expect(latestCronSlot(every5, at('10:05:00'))).toBe('2026-03-01T10:05:00.000Z');
    expect(latestCronSlot(parseCron('0 3 * * *'), at('02:00:00'))).toBe('2026-02-28T03:00:00.000Z');
  });

  it('refuses a malformed pattern and a cron job whose schema refuses {}', () => {
    const registry = new JobRegistry();
    expect(() => registry.add({ ...everyMinute, cron: '61 * * * *' })).toThrow();
    expect(() =>
      registry.add({ ...everyMinute, payload: z.object({ orgId: z.string() }) }),
    ).toThrow(/invalid payload/);
  });
});

describeEachDialect('cron scheduler', (dialect) => {
  let testDb: TestDatabase;
  const handles: DatabaseHandle[] = [];
  beforeEach(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((h) => h.close()));
    await testDb.drop();
  });

  /** A scheduler as another process would have it: its own connection, registry and memory. */
  function scheduler(): CronScheduler {
    const handle = openDatabase(testDb.database);
    handles.push(handle);
    const registry = new JobRegistry();
    registry.add(everyMinute);
    return new CronScheduler({
      db: handle.db,
      dialect,
      registry,
      store: new JobStore(handle.db, dialect),
      log: captureLog().log,
    });
  }

  it('enqueues once per slot across two schedulers, and a missed stretch once', async () => {
    const [a, b] = [scheduler(), scheduler()];
    const perTick: number[] = [];
    for (const time of ['10:00:30', '10:00:45', '10:01:05', '10:03:10', '10:03:50']) {
      const [fromA, fromB] = await Promise.all([a.tick(at(time)), b.tick(at(time))]);
      perTick.push(fromA.length + fromB.length);
    }
    // 10:02 was missed (both schedulers down): 10:03 runs once and 10:02 is not replayed.
    expect(perTick).toEqual([1, 0, 1, 1, 0]);
    expect(await scheduler().tick(at('10:03:55'))).toEqual([]);
    const jobs = await testDb.handle.db.selectFrom('jobs').select(['name', 'status']).execute();
    expect(jobs).toEqual([1, 2, 3].map(() => ({ name: 'tick', status: 'queued' })));
    const slots = await testDb.handle.db
      .selectFrom('cronSlots')
      .select('slot')
      .orderBy('slot')
      .execute();
    expect(slots.map((s) => s.slot)).toEqual([
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T10:01:00.000Z',
      '2026-03-01T10:03:00.000Z',
    ]);
  });

  it('prunes settled slots after a day, keeping the latest', async () => {
    const a = scheduler();
    await a.tick(at('10:00:30'));
    await a.tick(new Date('2026-03-02T11:00:30Z'));
    const slots = await testDb.handle.db.selectFrom('cronSlots').select('slot').execute();
    expect(slots.map((s) => s.slot)).toEqual(['2026-03-02T11:00:00.000Z']);
  });

  it('runs a due cron job through a started runner', async () => {
    const runs: number[] = [];
    const runner = new InProcessJobRunner({
      handle: testDb.handle,
      log: captureLog().log,
      pollIntervalMs: 20,
      cronIntervalMs: 20,
      now: () => at('10:00:30'),
    });
    runner.register({
      ...everyMinute,
      handler: async (_p, context) => void runs.push(context.attempt),
    });
    await runner.start({ work: true, schedule: true });
    try {
      await waitUntil(
        async () =>
          (await testDb.handle.db.selectFrom('jobs').select('status').executeTakeFirst())
            ?.status === 'done',
        { what: 'the cron run' },
      );
    } finally {
      await runner.stop();
    }
    expect(runs).toEqual([1]);
  });
});
