import type { DatabaseHandle } from '../db/database.js';
import { InProcessJobRunner } from './in-process-runner.js';
import type { JobLog } from './job-log.js';
import type { JobRunner } from './job-runner.js';
import { PgBossJobRunner } from './pg-boss-runner.js';

/**
 * The runner for the configured database: pg-boss on PostgreSQL, so API and workers can run as
 * separate processes; the in-process runner over the `jobs` table on embedded SQLite.
 *
 * @example createJobRunner({ handle, log, databaseUrl: config.database.url })
 */
export function createJobRunner(options: {
  handle: DatabaseHandle;
  log: JobLog;
  databaseUrl?: string;
}): JobRunner {
  const { handle, log, databaseUrl } = options;
  if (handle.dialect === 'sqlite') return new InProcessJobRunner({ handle, log });
  if (!databaseUrl) throw new Error('The pg-boss job runner needs the database URL');
  return new PgBossJobRunner({ db: handle.db, databaseUrl, log });
}
