import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Role } from '../db/schema.js';
import type { Actor } from '../domain/audit/audit-types.js';
import { resolveSession, type SessionView } from '../domain/auth/sessions.js';
import { can, type Action } from '../domain/policy/policy.js';
import { AppError } from '../errors.js';
import type { AppServices } from './services.js';

/**
 * Who may call a route. Every /api route declares one; the server refuses to start otherwise.
 * - public: anyone (sign-in, setup, invitation links)
 * - session: any signed-in person (their own profile)
 * - org: a member of the organization in the `:orgId` path parameter whose role may take `action`
 */
export type Access = { kind: 'public' } | { kind: 'session' } | { kind: 'org'; action: Action };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    session: (SessionView & { sessionId: string }) | null;
    member: { orgId: string; role: Role } | null;
    actor: Actor;
  }
}

export const SESSION_COOKIE = 'bedside_session';

export function assertRouteDeclaresAccess(route: RouteOptions): void {
  if (
    route.url.startsWith('/api/') &&
    !route.config?.access &&
    !route.url.startsWith('/api/docs')
  ) {
    throw new Error(`Route ${route.method} ${route.url} declares no access policy`);
  }
}

/** The one policy layer: authenticates the cookie and checks the route's access for every request. */
export function createAccessHook(services: AppServices) {
  return async function checkAccess(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    request.session = null;
    request.member = null;
    request.actor = { userId: null, label: 'anonymous', ip: request.ip };
    const access = request.routeOptions.config.access;
    const token = request.cookies[SESSION_COOKIE];
    if (token && access && access.kind !== 'public') {
      request.session = await resolveSession(services.database.db, { token });
      request.actor = {
        userId: request.session.user.id,
        label: request.session.user.email,
        ip: request.ip,
      };
    }
    if (!access || access.kind === 'public') return;
    if (!request.session) throw new AppError('unauthenticated', 'Please sign in.');
    if (access.kind === 'session') return;

    const orgId = (request.params as { orgId?: string }).orgId;
    const membership = request.session.memberships.find((m) => m.orgId === orgId);
    // Another organization's data does not exist as far as this person can tell.
    if (!orgId || !membership) throw new AppError('not_found', 'The organization was not found.');
    if (request.session.totpSetupRequired) {
      throw new AppError(
        'forbidden',
        'Your organization requires two-factor sign-in. Set it up in your profile first.',
        { totpSetupRequired: true },
      );
    }
    request.member = { orgId, role: membership.role };
    // The error handler records the refusal as a `denied` audit event.
    if (!can(membership.role, access.action))
      throw new AppError('forbidden', 'Your role does not allow this.');
  };
}
