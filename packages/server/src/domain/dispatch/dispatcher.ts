import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { InterruptibleSleep } from '../../jobs/interruptible-sleep.js';
import { resumeReconnectedChannels } from './channel-pause.js';
import { claimDueTargets } from './claim-targets.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { prepareClaim } from './prepare-claim.js';
import { publishTarget, type TargetOutcome } from './publish-target.js';
import { PublishedBatch } from './published-batch.js';
import { sweepStuckTargets } from './sweep-stuck-targets.js';

export interface DispatcherOptions {
  /** Targets published at the same time by this process (default 16). */
  concurrency?: number;
  /**
   * While publishes are in flight, claim again only once this many slots are free (default a
   * quarter of `concurrency`): a claim and its reads cost the same for one target as for four.
   */
  claimBatch?: number;
  /** How long a claim holds a target (default 5 min): longer than any publish call can take. */
  leaseMs?: number;
  /** How often an idle dispatcher looks for due targets (default 250 ms). */
  pollMs?: number;
  /** How often it looks for stuck targets and reconnected channels (default half the lease, at most 30 s). */
  sweepMs?: number;
  /** Called after each target, for benchmarks and tests. */
  onOutcome?: (outcome: TargetOutcome, targetId: string) => void;
}

/** A worker name unique across processes and restarts: host, pid and a random tail. */
export function dispatchWorkerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * The publishing loop of one worker process: claims due targets (each by exactly one worker, see
 * claimDueTargets), reads what they need once per claim (prepareClaim), publishes them
 * concurrently and writes the publications that finish together in one transaction
 * (PublishedBatch); every `sweepMs` it recovers targets whose worker died and resumes channels
 * that were reconnected. On embedded SQLite (one process) it recovers every orphaned target at
 * start instead of waiting for their leases to run out.
 */
export class Dispatcher {
  readonly #running = new Set<Promise<void>>();
  readonly #sleep = new InterruptibleSleep();
  private readonly deps: DispatchDeps;
  #loop: Promise<void> | undefined;
  #stopping = false;
  #lastSweep = 0;

  constructor(
    deps: DispatchDeps,
    private readonly options: DispatcherOptions = {},
  ) {
    const withBatch: DispatchDeps = { ...deps };
    withBatch.publishedBatch = deps.publishedBatch ?? new PublishedBatch(withBatch);
    this.deps = withBatch;
  }

  start(): void {
    if (this.#loop) return;
    this.#loop = this.#run();
  }

  /** Wakes an idle loop: something was just scheduled or resumed. */
  wake(): void {
    this.#sleep.wake();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#sleep.wake();
    await this.#loop;
    await Promise.allSettled([...this.#running]);
  }

  async #run(): Promise<void> {
    const leaseMs = this.options.leaseMs ?? 300_000;
    if (this.deps.dialect === 'sqlite') await this.#maintain(leaseMs, true);
    while (!this.#stopping) {
      const now = this.#now();
      if (
        now.getTime() - this.#lastSweep >=
        (this.options.sweepMs ?? Math.min(30_000, leaseMs / 2))
      )
        await this.#maintain(leaseMs, false);
      const concurrency = this.options.concurrency ?? 16;
      const free = concurrency - this.#running.size;
      const batch = Math.min(concurrency, this.options.claimBatch ?? Math.ceil(concurrency / 4));
      let claimed = 0;
      if (free > 0 && (free >= batch || this.#running.size === 0)) {
        try {
          const targets = await claimDueTargets(this.deps.db, {
            dialect: this.deps.dialect,
            owner: this.deps.owner,
            now,
            leaseUntil: new Date(now.getTime() + leaseMs),
            limit: free,
          });
          claimed = targets.length;
          // Should the shared reads fail, each target reads its own (publishTarget without `ready`).
          const ready = await prepareClaim(this.deps, targets, now).catch(() => undefined);
          for (const target of targets) {
            const run = publishTarget(this.deps, target, ready?.get(target.id))
              .then(
                (outcome) => this.options.onOutcome?.(outcome, target.id),
                (error: unknown) =>
                  this.deps.log.error(
                    { targetId: target.id, error: error instanceof Error ? error.name : 'unknown' },
                    'dispatch could not record an outcome',
                  ),
              )
              .finally(() => {
                this.#running.delete(run);
                this.#sleep.wake();
              });
            this.#running.add(run);
          }
        } catch (error) {
          this.deps.log.error(
            { error: error instanceof Error ? error.message : 'unknown' },
            'dispatch claim failed',
          );
        }
      }
      // Full, or waiting for enough free slots: a finishing publish wakes the loop. Idle: poll.
      if (free < batch && this.#running.size > 0)
        await this.#sleep.sleep(this.options.pollMs ?? 250);
      else if (claimed < free) await this.#sleep.sleep(this.options.pollMs ?? 250);
    }
  }

  async #maintain(leaseMs: number, ignoreLeases: boolean): Promise<void> {
    this.#lastSweep = this.#now().getTime();
    try {
      await sweepStuckTargets(this.deps, { leaseMs, ignoreLeases });
      await resumeReconnectedChannels(this.deps.db, this.#now());
    } catch (error) {
      this.deps.log.error(
        { error: error instanceof Error ? error.message : 'unknown' },
        'dispatch sweep failed',
      );
    }
  }

  #now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }
}
