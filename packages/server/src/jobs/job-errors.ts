import type { JobDefinition } from './job-runner.js';

/**
 * A payload its job's schema refuses. The message names the fields and zod's issue codes only,
 * never the values: payloads may carry patient data and this error reaches logs.
 */
export class InvalidJobPayloadError extends Error {
  readonly code = 'invalid_job_payload';

  constructor(
    readonly jobId: string,
    readonly issues: { path: string; code: string }[],
  ) {
    super(
      `Job ${jobId}: invalid payload (${issues.map((i) => `${i.path || '(root)'}: ${i.code}`).join(', ')})`,
    );
    this.name = 'InvalidJobPayloadError';
  }
}

/** Validates a payload against its definition, returning the parsed value. */
export function parseJobPayload<P>(definition: JobDefinition<P>, payload: unknown): P {
  const result = definition.payload.safeParse(payload);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
  }));
  throw new InvalidJobPayloadError(definition.id, issues);
}

/**
 * What a failed job records and logs about its error: the class name and, when there is one,
 * its code (`AppError:unavailable`, `TypeError`, `Error:ECONNRESET`). Never the message, which
 * could quote a post body or a patient's name.
 */
export function describeJobError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  const name = error.name || error.constructor.name || 'Error';
  return typeof code === 'string' || typeof code === 'number' ? `${name}:${String(code)}` : name;
}
