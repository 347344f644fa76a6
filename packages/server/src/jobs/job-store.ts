import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Db, DialectName } from '../db/database.js';
import type { Database, JobTable } from '../db/schema.js';

export type JobRow = Selectable<JobTable>;

/**
 * The embedded queue's SQL, the same on SQLite and PostgreSQL. Every write is a single guarded
 * statement, so two processes on one database never both take a job: SQLite serializes writers,
 * and PostgreSQL re-checks an UPDATE's WHERE after waiting for a row lock.
 *
 * A running job's `lockedUntil` is its lease and also its fencing token: a claim always sets a
 * later value than the one it replaced, so a process whose lease was taken over cannot finish,
 * retry or renew a job it no longer holds.
 */
export class JobStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: DialectName,
  ) {}

  /**
   * Adds a job; with a singleton key, only when no queued or running job of the same name has
   * that key (then it returns null). On PostgreSQL an advisory lock on the key makes the check
   * and the insert one step; on SQLite the single INSERT … SELECT … WHERE NOT EXISTS already is.
   */
  async insert(
    job: {
      name: string;
      payload: string;
      maxAttempts: number;
      runAt: Date;
      singletonKey?: string;
      now: Date;
    },
    db: Db = this.db,
  ): Promise<string | null> {
    const id = randomUUID();
    const now = job.now.toISOString();
    const row = {
      id,
      name: job.name,
      payload: job.payload,
      status: 'queued' as const,
      attempts: 0,
      maxAttempts: job.maxAttempts,
      runAt: job.runAt.toISOString(),
      singletonKey: job.singletonKey ?? null,
      createdAt: now,
      updatedAt: now,
    };
    const key = job.singletonKey;
    if (key === undefined) {
      await db.insertInto('jobs').values(row).execute();
      return id;
    }
    const pending = (eb: ExpressionBuilder<Database, 'jobs'>) =>
      eb.and([
        eb('name', '=', job.name),
        eb('singletonKey', '=', key),
        eb('status', 'in', ['queued', 'running']),
      ]);
    if (this.dialect === 'sqlite') {
      const result = await db
        .insertInto('jobs')
        .columns([
          'id',
          'name',
          'payload',
          'status',
          'attempts',
          'maxAttempts',
          'runAt',
          'singletonKey',
          'createdAt',
          'updatedAt',
        ])
        .expression(
          db
            .selectNoFrom((eb) => [
              eb.val(row.id).as('id'),
              eb.val(row.name).as('name'),
              eb.val(row.payload).as('payload'),
              eb.val(row.status).as('status'),
              eb.val(row.attempts).as('attempts'),
              eb.val(row.maxAttempts).as('maxAttempts'),
              eb.val(row.runAt).as('runAt'),
              eb.val(key).as('singletonKey'),
              eb.val(now).as('createdAt'),
              eb.val(now).as('updatedAt'),
            ])
            .where((eb) => eb.not(eb.exists(eb.selectFrom('jobs').select('id').where(pending)))),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? id : null;
    }
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`bedside-job:${job.name}:${key}`}))`.execute(
        trx,
      );
      const existing = await trx.selectFrom('jobs').select('id').where(pending).executeTakeFirst();
      if (existing) return null;
      await trx.insertInto('jobs').values(row).execute();
      return id;
    });
  }

  /**
   * Takes up to `limit` due jobs: queued ones whose time has come and running ones whose lease
   * expired (their process died). Each claim counts as an attempt, so a job that keeps crashing
   * its process still runs out of attempts.
   */
  async claim(options: {
    names: string[];
    now: Date;
    leaseUntil: Date;
    limit: number;
  }): Promise<JobRow[]> {
    const now = options.now.toISOString();
    const due = (eb: ExpressionBuilder<Database, 'jobs'>) =>
      eb.and([
        eb('name', 'in', options.names),
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('runAt', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('lockedUntil', '<', now)]),
        ]),
      ]);
    // The candidates are a materialized CTE so they are chosen once: as a plain `IN (subquery)`
    // PostgreSQL may re-run a SKIP LOCKED subquery per row and claim more than `limit` jobs.
    return this.db
      .with(
        (cte) => cte('candidates').materialized(),
        (db) =>
          db
            .selectFrom('jobs')
            .select('id')
            .where(due)
            .orderBy('runAt')
            .limit(options.limit)
            .$if(this.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked()),
      )
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        lockedUntil: options.leaseUntil.toISOString(),
        attempts: eb('attempts', '+', 1),
        updatedAt: now,
      }))
      .where('id', 'in', (eb) => eb.selectFrom('candidates').select('candidates.id'))
      .where(due)
      .returningAll()
      .execute();
  }

  /** Extends a lease; false when the job is no longer ours. */
  async renew(job: { id: string; token: string; until: Date; now: Date }): Promise<boolean> {
    return this.#guardedUpdate(job, {
      lockedUntil: job.until.toISOString(),
      updatedAt: job.now.toISOString(),
    });
  }

  async complete(job: { id: string; token: string; now: Date }): Promise<boolean> {
    return this.#guardedUpdate(job, {
      status: 'done',
      lockedUntil: null,
      updatedAt: job.now.toISOString(),
    });
  }

  /** Puts a failed job back in the queue for `runAt`. */
  async retry(job: {
    id: string;
    token: string;
    now: Date;
    runAt: Date;
    lastError: string;
  }): Promise<boolean> {
    return this.#guardedUpdate(job, {
      status: 'queued',
      lockedUntil: null,
      runAt: job.runAt.toISOString(),
      lastError: job.lastError,
      updatedAt: job.now.toISOString(),
    });
  }

  async fail(job: { id: string; token: string; now: Date; lastError: string }): Promise<boolean> {
    return this.#guardedUpdate(job, {
      status: 'failed',
      lockedUntil: null,
      lastError: job.lastError,
      updatedAt: job.now.toISOString(),
    });
  }

  async #guardedUpdate(
    job: { id: string; token: string },
    values: Partial<JobRow>,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set(values)
      .where('id', '=', job.id)
      .where('status', '=', 'running')
      .where('lockedUntil', '=', job.token)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

/**
 * Deletes finished jobs (done or failed) last touched before `before`, with their payloads:
 * the queue is not an archive. Returns how many went.
 */
export async function purgeFinishedJobs(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('status', 'in', ['done', 'failed'])
    .where('updatedAt', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
