import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Tx } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import { SESSION_COOKIE } from '../access.js';
import type { AppServices } from '../services.js';

/** Runs one domain operation in a transaction: its change and its audit events commit together. */
export function inTransaction<T>(
  services: AppServices,
  operation: (tx: Tx) => Promise<T>,
): Promise<T> {
  return services.database.db.transaction().execute(operation);
}

export const errorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export const orgParams = z.strictObject({ orgId: z.string().min(1).max(64) });

export function setSessionCookie(
  reply: FastifyReply,
  options: { token: string; expiresAt: string; secure: boolean },
): void {
  void reply.setCookie(SESSION_COOKIE, options.token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: options.secure,
    path: '/',
    expires: new Date(options.expiresAt),
  });
}

/** The caller's membership, set by the policy hook on every org route. */
export function memberOf(request: FastifyRequest): { orgId: string; role: Role } {
  if (!request.member) throw new Error('memberOf() used on a route without org access');
  return request.member;
}

/** The signed-in person, set by the policy hook on every session or org route. */
export function sessionOf(request: FastifyRequest): NonNullable<FastifyRequest['session']> {
  if (!request.session) throw new Error('sessionOf() used on a public route');
  return request.session;
}
