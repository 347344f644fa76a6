import { CompiledQuery, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Db } from '../db/database.js';
import { describeJobError, parseJobPayload } from './job-errors.js';
import { bindJobLog, type JobLog } from './job-log.js';
import { cronPayload, JobRegistry, type RegisteredJob } from './job-registry.js';
import type { EnqueueOptions, JobDefinition, JobRunner } from './job-runner.js';

export interface PgBossRunnerOptions {
  /** The app's database: handlers get it as `context.db`; singleton checks run on it. */
  db: Db;
  /** The same PostgreSQL database; pg-boss keeps its own schema and pool there. */
  databaseUrl: string;
  log: JobLog;
  /** pg-boss's schema (default `pgboss`), apart from Kysely's migrations. */
  schema?: string;
  /** How often an idle worker polls each queue (default 2 s, at least 0.5). */
  pollingIntervalSeconds?: number;
  /** The first retry delay; pg-boss doubles it per attempt with jitter (default 30 s). */
  retryDelaySeconds?: number;
  /** How long stop() waits for running handlers (default 10 s). */
  stopTimeoutMs?: number;
}

/**
 * What pg-boss stores for a failed attempt. pg-boss serializes the thrown error (message and
 * stack) into the job's output, so the handler's error is replaced by one carrying only its
 * class and code.
 */
class JobAttemptFailed extends Error {
  constructor(label: string) {
    super(label);
    this.name = 'JobAttemptFailed';
    this.stack = label;
  }
}

/**
 * The job runner for PostgreSQL deployments, over pg-boss: API and worker processes run apart,
 * workers claim with `FOR UPDATE SKIP LOCKED`, and cron is pg-boss's own, de-duplicated across
 * instances. Each job definition is a pg-boss queue of the same name.
 *
 * @example
 * const jobs = new PgBossJobRunner({ db: handle.db, databaseUrl, log });
 * jobs.register(sendDigest);
 * await jobs.start({ work: true, schedule: false });
 */
export class PgBossJobRunner implements JobRunner {
  readonly #registry = new JobRegistry();
  readonly #schema: string;
  #boss: PgBoss | null = null;

  constructor(private readonly options: PgBossRunnerOptions) {
    this.#schema = options.schema ?? 'pgboss';
  }

  register<P>(definition: JobDefinition<P>): void {
    if (this.#boss) throw new Error('Register jobs before starting the runner');
    this.#registry.add(definition);
  }

  /**
   * Sends a job. pg-boss has no policy for "one queued or running job per key" that leaves
   * unkeyed jobs alone, so with a singleton key the check and the send share a transaction
   * under an advisory lock on the key.
   */
  async enqueue<P>(id: string, payload: P, options: EnqueueOptions = {}): Promise<string | null> {
    const boss = this.#started();
    const registered = this.#registry.get(id);
    const data = parseJobPayload(registered.definition, payload) as object;
    const send = {
      ...this.#retryOptions(registered),
      ...(options.startAfter && { startAfter: options.startAfter }),
      ...(options.singletonKey !== undefined && { singletonKey: options.singletonKey }),
    };
    const key = options.singletonKey;
    if (key === undefined) return boss.send(id, data, send);
    return this.options.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`bedside-job:${id}:${key}`}))`.execute(trx);
      const pending = await sql`select 1 from ${sql.table(`${this.#schema}.job`)}
        where name = ${id} and singleton_key = ${key} and state in ('created', 'retry', 'active') limit 1`.execute(
        trx,
      );
      if (pending.rows.length > 0) return null;
      const raw = trx.withoutPlugins();
      const db = {
        executeSql: (text: string, values: unknown[]) =>
          raw.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, values)),
      };
      return boss.send(id, data, { ...send, db });
    });
  }

  async start(options: { work: boolean; schedule: boolean }): Promise<void> {
    if (this.#boss) throw new Error('The job runner has already been started');
    const boss = new PgBoss({
      connectionString: this.options.databaseUrl,
      schema: this.#schema,
      application_name: 'bedside-jobs',
      max: 4,
      schedule: options.schedule,
    });
    boss.on('error', (error) =>
      this.options.log.error({ error: describeJobError(error) }, 'pg-boss error'),
    );
    await boss.start();
    this.#boss = boss;
    await this.#createQueues(boss);
    if (options.schedule)
      // A job removed or renamed by an upgrade must not stay scheduled under its old name.
      for (const { name } of await boss.getSchedules())
        if (!this.#registry.find(name)) await boss.unschedule(name);
    for (const registered of this.#registry.all()) {
      const { id, cron } = registered.definition;
      if (options.schedule) {
        if (cron)
          await boss.schedule(id, cron, cronPayload, {
            tz: 'UTC',
            ...this.#retryOptions(registered),
          });
        else await boss.unschedule(id);
      }
      if (options.work) {
        const pollingIntervalSeconds = this.options.pollingIntervalSeconds ?? 2;
        const worker = { id: '' };
        worker.id = await boss.work<unknown>(
          id,
          { includeMetadata: true, batchSize: 1, pollingIntervalSeconds },
          async (jobs) => {
            for (const job of jobs) await this.#run(registered, job);
            // pg-boss 10 sleeps a full polling interval even after finding a job; a nudge makes
            // the worker fetch again at once, so a backlog drains instead of trickling.
            if (jobs.length > 0 && worker.id) boss.notifyWorker(worker.id);
          },
        );
      }
    }
  }

  /**
   * Creates a queue per definition. pg-boss 10 creates each queue's partition table with DDL that
   * deadlocks when two processes boot at once, so the processes take turns under an advisory
   * lock held on the app's own connection.
   */
  async #createQueues(boss: PgBoss): Promise<void> {
    await this.options.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('bedside-pgboss-create-queues'))`.execute(
        trx,
      );
      for (const registered of this.#registry.all()) {
        const { id } = registered.definition;
        if (!(await boss.getQueue(id)))
          await boss.createQueue(id, { name: id, ...this.#retryOptions(registered) });
      }
    });
  }

  async stop(): Promise<void> {
    const boss = this.#boss;
    if (!boss) return;
    await boss.stop({ graceful: true, wait: true, timeout: this.options.stopTimeoutMs ?? 10_000 });
  }

  async #run(registered: RegisteredJob, job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
    const attempt = job.retryCount + 1;
    const log = bindJobLog(this.options.log, { job: job.name, jobId: job.id, attempt });
    try {
      const payload = parseJobPayload(registered.definition, job.data);
      await registered.definition.handler(payload, { db: this.options.db, log, attempt });
    } catch (error) {
      const label = describeJobError(error);
      const final = attempt >= registered.maxAttempts;
      if (final) log.error({ error: label }, 'job failed');
      else log.warn({ error: label }, 'job attempt failed');
      throw new JobAttemptFailed(label);
    }
    log.info({}, 'job done');
  }

  #retryOptions(registered: RegisteredJob): {
    retryLimit: number;
    retryDelay: number;
    retryBackoff: boolean;
  } {
    return {
      retryLimit: registered.maxAttempts - 1,
      retryDelay: this.options.retryDelaySeconds ?? 30,
      retryBackoff: true,
    };
  }

  #started(): PgBoss {
    if (!this.#boss) throw new Error('Start the job runner before enqueueing');
    return this.#boss;
  }
}
