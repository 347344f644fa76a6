import type { Db, DialectName } from '../db/database.js';
import { latestCronSlot } from './cron-slot.js';
import { describeJobError } from './job-errors.js';
import type { JobLog } from './job-log.js';
import { cronPayload, type JobRegistry } from './job-registry.js';
import type { JobStore } from './job-store.js';

/** Slots older than this are pruned; far longer than any clock skew between two servers. */
const slotRetentionMs = 24 * 60 * 60 * 1_000;

/**
 * Enqueues cron jobs once per time slot across every process on the database. Each due slot is
 * claimed by inserting `(name, slot)` into `cron_slots`; the primary key lets exactly one insert
 * win, and only the winner enqueues. Only the latest slot is considered, so a scheduler that was
 * down for a day runs a missed job once rather than in a burst.
 *
 * On PostgreSQL the claim and the enqueue share a transaction. On SQLite they are two statements:
 * a write transaction held across an `await` would make any other connection block the whole
 * event loop in better-sqlite3's busy wait. A crash between the two loses one run, which the next
 * slot makes up.
 */
export class CronScheduler {
  /** The last slot this process has settled per job, so each slot costs one insert per process. */
  readonly #settled = new Map<string, string>();

  constructor(
    private readonly options: {
      db: Db;
      dialect: DialectName;
      registry: JobRegistry;
      store: JobStore;
      log: JobLog;
    },
  ) {}

  /** Claims the due slot of every cron job; returns the ids of the jobs this process enqueued. */
  async tick(now: Date): Promise<string[]> {
    const enqueued: string[] = [];
    for (const { definition, cron, maxAttempts } of this.options.registry.all()) {
      if (!cron) continue;
      const slot = latestCronSlot(cron, now);
      if (!slot || this.#settled.get(definition.id) === slot) continue;
      try {
        const jobId = await this.#claim({ name: definition.id, slot, maxAttempts, now });
        this.#settled.set(definition.id, slot);
        if (jobId) {
          enqueued.push(jobId);
          this.options.log.info({ job: definition.id, jobId, slot }, 'cron job enqueued');
        }
      } catch (error) {
        this.options.log.error(
          { job: definition.id, slot, error: describeJobError(error) },
          'cron slot claim failed',
        );
      }
    }
    return enqueued;
  }

  async #claim(run: {
    name: string;
    slot: string;
    maxAttempts: number;
    now: Date;
  }): Promise<string | null> {
    const claimAndEnqueue = async (db: Db): Promise<string | null> => {
      const inserted = await db
        .insertInto('cronSlots')
        .values({ name: run.name, slot: run.slot, createdAt: run.now.toISOString() })
        .onConflict((oc) => oc.columns(['name', 'slot']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return null;
      const pruneBefore = new Date(run.now.getTime() - slotRetentionMs).toISOString();
      await db
        .deleteFrom('cronSlots')
        .where('name', '=', run.name)
        .where('slot', '<', run.slot)
        .where('slot', '<', pruneBefore)
        .execute();
      const payload = JSON.stringify(cronPayload);
      return this.options.store.insert(
        { name: run.name, payload, maxAttempts: run.maxAttempts, runAt: run.now, now: run.now },
        db,
      );
    };
    if (this.options.dialect === 'postgres')
      return this.options.db.transaction().execute(claimAndEnqueue);
    return claimAndEnqueue(this.options.db);
  }
}
