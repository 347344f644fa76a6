import type { Cron } from 'croner';
import { parseCron } from './cron-slot.js';
import { parseJobPayload } from './job-errors.js';
import type { JobDefinition } from './job-runner.js';

/** The payload a cron run gets: cron jobs take no arguments, so their schema must accept `{}`. */
export const cronPayload = {};

export interface RegisteredJob {
  definition: JobDefinition;
  cron: Cron | null;
  maxAttempts: number;
}

/**
 * The definitions one runner knows, checked when registered so that a bad cron pattern or a
 * cron job whose schema refuses `{}` fails at boot rather than at the first due slot.
 */
export class JobRegistry {
  readonly #jobs = new Map<string, RegisteredJob>();

  add<P>(definition: JobDefinition<P>): void {
    if (this.#jobs.has(definition.id)) throw new Error(`Job ${definition.id} is registered twice`);
    const maxAttempts = definition.maxAttempts ?? 5;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
      throw new Error(`Job ${definition.id}: maxAttempts must be a positive integer`);
    const cron = definition.cron === undefined ? null : parseCron(definition.cron);
    if (cron) parseJobPayload(definition, cronPayload);
    this.#jobs.set(definition.id, { definition: definition as JobDefinition, cron, maxAttempts });
  }

  get(id: string): RegisteredJob {
    const job = this.#jobs.get(id);
    if (!job) throw new Error(`Job ${id} is not registered`);
    return job;
  }

  find(id: string): RegisteredJob | undefined {
    return this.#jobs.get(id);
  }

  ids(): string[] {
    return [...this.#jobs.keys()];
  }

  all(): RegisteredJob[] {
    return [...this.#jobs.values()];
  }
}
