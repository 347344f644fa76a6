import type { JobContext } from './job-runner.js';

/** The logger the runners take: pino's shape, narrowed to what they use. */
export type JobLog = JobContext['log'];

/**
 * A logger that adds a job's identity to every line. Only the job name, id and attempt are ever
 * bound: the payload never is, since it may hold patient data.
 */
export function bindJobLog(
  log: JobLog,
  bindings: { job: string; jobId: string; attempt: number },
): JobLog {
  return {
    info: (obj, msg) => log.info({ ...bindings, ...obj }, msg),
    warn: (obj, msg) => log.warn({ ...bindings, ...obj }, msg),
    error: (obj, msg) => log.error({ ...bindings, ...obj }, msg),
  };
}
