import type { DatabaseHandle } from '../db/database.js';
import { InProcessJobRunner } from './in-process-runner.js';
import type { JobLog } from './job-log.js';
import type { JobRunner } from './job-runner.js';

/** The job runner for this database: the embedded in-process runner over the `jobs` table. */
export function createJobRunner(options: { handle: DatabaseHandle; log: JobLog; databaseUrl?: string }): JobRunner {
  return new InProcessJobRunner({ handle: options.handle, log: options.log });
}
