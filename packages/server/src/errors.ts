/**
 * The closed set of errors Bedside reports. Every boundary (HTTP, jobs, CLI) turns anything
 * else into `internal` once, keeping the cause for the log but never for the client.
 */
export const errorStatus = {
  validation_failed: 400,
  malformed_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  totp_required: 401,
  totp_invalid: 401,
  session_expired: 401,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorDetails {
  /** Field name → what is wrong with it. */
  fields?: Record<string, string>;
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

/** An error whose code, message and details are safe to show to the user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** An internal error that keeps what really happened as its cause, for the log only. */
  static internal(cause: unknown): AppError {
    const error = new AppError(
      'internal',
      'Something went wrong on our side. It was logged; please try again.',
    );
    Object.defineProperty(error, 'cause', { value: cause });
    return error;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string): AppError =>
  new AppError('not_found', `${what} was not found.`);
export const forbidden = (message = 'Your role does not allow this.'): AppError =>
  new AppError('forbidden', message);
export const conflict = (message: string): AppError => new AppError('conflict', message);
export const invalid = (fields: Record<string, string>): AppError =>
  new AppError('validation_failed', 'Some fields need attention.', { fields });
