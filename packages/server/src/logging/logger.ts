import pino, { type Logger, type DestinationStream } from 'pino';
import { scrubText } from './scrub.js';

export type { Logger };

/**
 * JSON logs without PHI or secrets: request bodies and query strings are never logged, URLs are
 * logged as their route pattern (tokens live in paths), headers that carry credentials are
 * removed, and error messages are scrubbed.
 */
export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'bedside' },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.token',
          '*.secret',
          '*.text',
          '*.body',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id?: string; method?: string; routeOptions?: { url?: string } }) => ({
          id: req.id,
          method: req.method,
          route: req.routeOptions?.url ?? '(no route)',
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
    },
    options.destination,
  );
}

export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    ...(typeof code === 'string' && { code }),
    message: scrubText(err.message),
    stack: err.stack ? scrubText(err.stack.split('\n').slice(1, 8).join('\n')) : undefined,
    ...(err.cause instanceof Error && { cause: serializeError(err.cause) }),
  };
}
