import type { Db, DialectName } from '../db/database.js';
import { backoffDelay, defaultBackoff, type BackoffOptions } from './backoff.js';
import { CronScheduler } from './cron-scheduler.js';
import { InterruptibleSleep } from './interruptible-sleep.js';
import { describeJobError, parseJobPayload } from './job-errors.js';
import { bindJobLog, type JobLog } from './job-log.js';
import { JobRegistry } from './job-registry.js';
import type { EnqueueOptions, JobDefinition, JobRunner } from './job-runner.js';
import { JobStore, type JobRow } from './job-store.js';

export interface InProcessRunnerOptions {
  handle: { db: Db; dialect: DialectName };
  log: JobLog;
  /** How often an idle worker looks for due jobs (default 500 ms); an enqueue here wakes it at once. */
  pollIntervalMs?: number;
  /** Jobs run at the same time by this process (default 4). */
  concurrency?: number;
  /** How long a claim holds a job; renewed every third of it while the handler runs (default 60 s). */
  leaseMs?: number;
  /** How long stop() waits for running handlers (default 10 s); their leases then expire. */
  stopTimeoutMs?: number;
  /** How often the scheduler checks for a due cron slot (default 1 s). */
  cronIntervalMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** The clock, injectable so tests can move time. */
  now?: () => Date;
}

/**
 * The embedded job runner: a durable queue in the database's own `jobs` table, on SQLite or
 * PostgreSQL, so one process needs no extra service. Several processes may share the database;
 * claims are atomic (see JobStore) and cron slots are claimed once (see CronScheduler).
 *
 * @example
 * const jobs = new InProcessJobRunner({ handle, log });
 * jobs.register(sendDigest);
 * await jobs.start({ work: true, schedule: true });
 * await jobs.enqueue('send-digest', { orgId });
 */
export class InProcessJobRunner implements JobRunner {
  readonly #registry = new JobRegistry();
  readonly #store: JobStore;
  readonly #scheduler: CronScheduler;
  readonly #workSleep = new InterruptibleSleep();
  readonly #cronSleep = new InterruptibleSleep();
  readonly #running = new Set<Promise<void>>();
  readonly #loops: Promise<void>[] = [];
  readonly #now: () => Date;
  readonly #backoff: BackoffOptions;
  #state: 'idle' | 'started' | 'stopping' = 'idle';

  constructor(private readonly options: InProcessRunnerOptions) {
    const { db, dialect } = options.handle;
    this.#store = new JobStore(db, dialect);
    this.#scheduler = new CronScheduler({
      db,
      dialect,
      registry: this.#registry,
      store: this.#store,
      log: options.log,
    });
    this.#now = options.now ?? (() => new Date());
    this.#backoff = { ...defaultBackoff, ...options.backoff };
  }

  register<P>(definition: JobDefinition<P>): void {
    this.#registry.add(definition);
  }

  /** Validates and stores a job; null when a pending job of that name has the same singleton key. */
  async enqueue<P>(id: string, payload: P, options: EnqueueOptions = {}): Promise<string | null> {
    const { definition, maxAttempts } = this.#registry.get(id);
    // The parsed value is stored: fields the schema does not know are dropped, not persisted.
    const parsed = parseJobPayload(definition, payload);
    const now = this.#now();
    const runAt = options.startAfter && options.startAfter > now ? options.startAfter : now;
    const jobId = await this.#store.insert({
      name: id,
      payload: JSON.stringify(parsed),
      maxAttempts,
      runAt,
      now,
      ...(options.singletonKey !== undefined && { singletonKey: options.singletonKey }),
    });
    if (jobId && runAt === now) this.#workSleep.wake();
    return jobId;
  }

  async start(options: { work: boolean; schedule: boolean }): Promise<void> {
    if (this.#state !== 'idle') throw new Error('The job runner has already been started');
    this.#state = 'started';
    if (options.work) this.#loops.push(this.#workLoop());
    if (options.schedule) this.#loops.push(this.#cronLoop());
  }

  /** Stops claiming and scheduling, then waits (bounded) for running handlers to finish. */
  async stop(): Promise<void> {
    if (this.#state !== 'started') return;
    this.#state = 'stopping';
    this.#workSleep.wake();
    this.#cronSleep.wake();
    await Promise.all(this.#loops);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>(
      (resolve) =>
        (timer = setTimeout(() => resolve('timeout'), this.options.stopTimeoutMs ?? 10_000)),
    );
    const outcome = await Promise.race([Promise.allSettled([...this.#running]), timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout')
      this.options.log.warn(
        { running: this.#running.size },
        'job runner stopped with handlers still running',
      );
  }

  async #workLoop(): Promise<void> {
    const concurrency = this.options.concurrency ?? 4;
    const leaseMs = this.options.leaseMs ?? 60_000;
    while (this.#state === 'started') {
      const free = concurrency - this.#running.size;
      let claimed: JobRow[] = [];
      const names = this.#registry.ids();
      if (free > 0 && names.length > 0) {
        try {
          const now = this.#now();
          claimed = await this.#store.claim({
            names,
            now,
            leaseUntil: new Date(now.getTime() + leaseMs),
            limit: free,
          });
        } catch (error) {
          this.options.log.error({ error: describeJobError(error) }, 'job claim failed');
        }
      }
      for (const row of claimed) {
        const run = this.#run(row, leaseMs).finally(() => {
          this.#running.delete(run);
          this.#workSleep.wake();
        });
        this.#running.add(run);
      }
      // A full batch suggests more are due: claim again at once. Otherwise wait for the next
      // poll, an enqueue, or a handler finishing.
      if (free <= 0 || claimed.length < free)
        await this.#workSleep.sleep(this.options.pollIntervalMs ?? 500);
    }
  }

  async #cronLoop(): Promise<void> {
    while (this.#state === 'started') {
      await this.#scheduler.tick(this.#now());
      await this.#cronSleep.sleep(this.options.cronIntervalMs ?? 1_000);
    }
  }

  /** Runs one claimed job and records the outcome. Never rejects. */
  async #run(row: JobRow, leaseMs: number): Promise<void> {
    const token = row.lockedUntil ?? '';
    const job = { id: row.id, token };
    const log = bindJobLog(this.options.log, {
      job: row.name,
      jobId: row.id,
      attempt: row.attempts,
    });
    const registered = this.#registry.get(row.name);
    let lease = token;
    const renewal = setInterval(
      () => {
        const now = this.#now();
        const until = new Date(now.getTime() + leaseMs);
        this.#store.renew({ id: row.id, token: lease, until, now }).then(
          (held) => {
            if (held) lease = until.toISOString();
            else log.warn({}, 'job lease lost to another worker');
          },
          (error: unknown) =>
            log.warn({ error: describeJobError(error) }, 'job lease renewal failed'),
        );
      },
      Math.max(1, Math.floor(leaseMs / 3)),
    );
    try {
      if (row.attempts > registered.maxAttempts) {
        // Its last attempt never reported back: the process running it died.
        await this.#store.fail({ ...job, now: this.#now(), lastError: 'LeaseExpired' });
        log.error({ error: 'LeaseExpired' }, 'job failed');
        return;
      }
      let payload: unknown;
      try {
        payload = parseJobPayload(registered.definition, JSON.parse(row.payload));
      } catch (error) {
        // A payload the schema refuses will not improve with time: fail it at once.
        await this.#store.fail({
          id: row.id,
          token: lease,
          now: this.#now(),
          lastError: describeJobError(error),
        });
        log.error({ error: describeJobError(error) }, 'job failed: stored payload is invalid');
        return;
      }
      try {
        await registered.definition.handler(payload, {
          db: this.options.handle.db,
          log,
          attempt: row.attempts,
        });
      } catch (error) {
        await this.#recordFailure({ row, lease, error, log });
        return;
      }
      if (!(await this.#store.complete({ id: row.id, token: lease, now: this.#now() })))
        log.warn({}, 'job finished after its lease was lost');
      else log.info({}, 'job done');
    } catch (error) {
      log.error({ error: describeJobError(error) }, 'job outcome could not be recorded');
    } finally {
      clearInterval(renewal);
    }
  }

  async #recordFailure(failure: {
    row: JobRow;
    lease: string;
    error: unknown;
    log: JobLog;
  }): Promise<void> {
    const { row, lease, log } = failure;
    const lastError = describeJobError(failure.error);
    const now = this.#now();
    if (row.attempts >= row.maxAttempts) {
      await this.#store.fail({ id: row.id, token: lease, now, lastError });
      log.error({ error: lastError }, 'job failed');
      return;
    }
    const runAt = new Date(now.getTime() + backoffDelay(row.attempts, this.#backoff));
    await this.#store.retry({ id: row.id, token: lease, now, runAt, lastError });
    log.warn({ error: lastError, retryAt: runAt.toISOString() }, 'job attempt failed');
  }
}
