/** An error the API returned in its envelope, or a network failure, ready to show to a person. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Field name → message, when the server rejected specific fields (`validation_failed`). */
  readonly fields: Record<string, string>;
  readonly details: unknown;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    fields?: Record<string, string>;
    details?: unknown;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.fields = options.fields ?? {};
    this.details = options.details;
  }
}

const fallbackMessages: Record<number, string> = {
  400: 'The request was not accepted. Check the form and try again.',
  401: 'Your session has ended. Please sign in again.',
  403: 'You do not have permission to do that.',
  404: 'We could not find what you were looking for.',
  409: 'That conflicts with something that already exists.',
  413: 'That is too large to send.',
  429: 'Too many attempts. Please wait a moment and try again.',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readFields(details: unknown): Record<string, string> {
  if (!isRecord(details) || !isRecord(details.fields)) return {};
  const fields: Record<string, string> = {};
  for (const [name, message] of Object.entries(details.fields)) {
    if (typeof message === 'string') fields[name] = message;
    else if (Array.isArray(message) && typeof message[0] === 'string') fields[name] = message[0];
  }
  return fields;
}

/**
 * Turns a failed response body into an ApiError. Bodies that are not the documented envelope
 * (a proxy's HTML page, an empty body) still produce a readable message.
 */
export function parseErrorEnvelope(options: { status: number; body: string }): ApiError {
  const { status, body } = options;
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : undefined;
  } catch {
    parsed = undefined;
  }
  const envelope = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : undefined;
  const code =
    typeof envelope?.code === 'string' ? envelope.code : status >= 500 ? 'internal' : 'http_error';
  const message =
    typeof envelope?.message === 'string' && envelope.message.trim()
      ? envelope.message
      : (fallbackMessages[status] ?? 'Something went wrong on our side. Please try again.');
  const fields = code === 'validation_failed' ? readFields(envelope?.details) : {};
  return new ApiError({ status, code, message, fields, details: envelope?.details });
}

export const networkError = (): ApiError =>
  new ApiError({
    status: 0,
    code: 'network_error',
    message: 'Could not reach Bedside. Check your connection and try again.',
  });

/** A readable message for anything thrown: API errors keep the server's wording. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Please try again.';
}
