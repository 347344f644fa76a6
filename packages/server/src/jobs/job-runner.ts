import type { z } from 'zod';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import type { ChannelConnectors } from '../domain/channels/channel-connectors.js';
import type { Mailer } from '../mail/mailer.js';
import type { SecretBox } from '../security/secret-box.js';

/** What a job handler gets: the database and a logger that never sees payload contents. */
export interface JobContext {
  db: Db;
  log: {
    info(obj: object, msg?: string): void;
    warn(obj: object, msg?: string): void;
    error(obj: object, msg?: string): void;
  };
  /** The attempt number, starting at 1. */
  attempt: number;
}

/**
 * A background job: an id, a payload schema, an optional cron schedule (UTC, five fields) and
 * a handler. Handlers must be safe to run again: a crash after the work but before the
 * acknowledgement runs the job a second time.
 */
/** What job factories close over: the ports a handler needs beyond the database. */
export interface JobServices {
  config: Config;
  mailer: Mailer;
  box: SecretBox;
  /** The social network connectors; the real ones when absent. */
  connectors?: ChannelConnectors;
}

export interface JobDefinition<P = unknown> {
  id: string;
  payload: z.ZodType<P>;
  cron?: string;
  /** Attempts before the job is marked failed (default 5), with exponential backoff and jitter. */
  maxAttempts?: number;
  handler(payload: P, context: JobContext): Promise<void>;
}

export interface EnqueueOptions {
  /** At most one queued-or-running job with this key. */
  singletonKey?: string;
  startAfter?: Date;
}

/** The job queue port. Adapters: in-process over the database (embedded) and pg-boss (PostgreSQL). */
export interface JobRunner {
  register<P>(definition: JobDefinition<P>): void;
  enqueue<P>(id: string, payload: P, options?: EnqueueOptions): Promise<string | null>;
  /** `work` runs handlers; `schedule` enqueues cron jobs (once per time slot across all processes). */
  start(options: { work: boolean; schedule: boolean }): Promise<void>;
  stop(): Promise<void>;
}
