import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { recordAuditEvent } from '../domain/audit/record-audit-event.js';
import { AppError, type ErrorCode } from '../errors.js';
import type { AppServices } from './services.js';

interface Envelope {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

/** Turns every error into the one envelope, once. Unknown errors become `internal`, logged with the cause. */
export function createErrorHandler(services: AppServices) {
  return async function handleError(
    error: FastifyError,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const appError = toAppError(error);
    if (appError.code === 'internal') request.log.error({ err: error }, 'request failed');
    if (
      appError.code === 'forbidden' &&
      request.member &&
      request.routeOptions.config.access?.kind === 'org'
    ) {
      // Every refusal on an organization route is recorded once, here: after the operation's
      // transaction (if any) rolled back.
      await recordAuditEvent(services.database.db, {
        orgId: request.member.orgId,
        actor: request.actor,
        action: request.routeOptions.config.access.action,
        outcome: 'denied',
        details: { role: request.member.role },
      }).catch((err: unknown) => request.log.error({ err }, 'could not record a denial'));
    }
    if (appError.code === 'session_expired' || appError.code === 'unauthenticated')
      reply.clearCookie('bedside_session', { path: '/' });
    const retryAfter = appError.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    const body: Envelope = {
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.details && { details: appError.details }),
      },
    };
    await reply.status(appError.status).type('application/json').send(body);
  };
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const fields: Record<string, string> = {};
    for (const issue of e.validation) {
      const path: string =
        (issue.instancePath || '/').replace(/^\//, '').replace(/\//g, '.') ||
        (e.validationContext ?? 'body');
      const keys = (issue.params as { keys?: unknown }).keys;
      if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
        for (const key of keys)
          fields[
            path === 'body' || path === e.validationContext ? String(key) : `${path}.${String(key)}`
          ] = 'This field is not allowed.';
      } else {
        fields[path] ??= issue.message ?? 'This value is not valid.';
      }
    }
    return new AppError('validation_failed', 'Some fields need attention.', { fields });
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed_json', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Send the request body as application/json.');
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return new AppError('csrf_invalid', 'The form expired. Reload the page and try again.');
    case 'FST_ERR_VALIDATION':
      return new AppError('validation_failed', 'Some fields need attention.');
  }
  if (e.statusCode === 429)
    return new AppError('rate_limited', 'Too many requests. Wait a minute and try again.');
  if (e.statusCode === 404) return new AppError('not_found', 'Not found.');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return new AppError('validation_failed', 'The request is not valid.');
  return AppError.internal(error);
}
