import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSession, describeSession } from '../../domain/auth/sessions.js';
import {
  acceptInvitation,
  createInvitation,
  describeInvitation,
  listInvitations,
  revokeInvitation,
} from '../../domain/orgs/invitations.js';
import {
  emailSchema,
  passwordSchema,
  personNameSchema,
  roleSchema,
} from '../../domain/orgs/schemas.js';
import { roles } from '../../domain/policy/policy.js';
import type { AppServices } from '../services.js';
import { inTransaction, memberOf, orgParams, setSessionCookie } from './route-kit.js';
import { sessionSchema } from './session-schema.js';

const roleEnum = z.enum(roles as [string, ...string[]]);
const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleEnum,
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  createdAt: z.string(),
  expiresAt: z.string(),
});
const tokenParams = z.strictObject({ token: z.string().min(10).max(200) });

export function invitationRoutes(services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/orgs/:orgId/invitations',
      {
        config: { access: { kind: 'org', action: 'invitation.manage' } },
        schema: {
          tags: ['members'],
          summary: 'Invitations sent',
          params: orgParams,
          response: { 200: z.object({ invitations: z.array(invitationSchema) }) },
        },
      },
      async (request) => ({
        invitations: await listInvitations(services.database.db, request.params.orgId),
      }),
    );

    app.post(
      '/orgs/:orgId/invitations',
      {
        config: {
          access: { kind: 'org', action: 'invitation.manage' },
          rateLimit: { max: 30, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['members'],
          summary: 'Invite someone by email',
          params: orgParams,
          body: z.strictObject({ email: emailSchema, role: roleSchema }),
          response: { 201: invitationSchema },
        },
      },
      async (request, reply) => {
        const invitation = await inTransaction(services, (tx) =>
          createInvitation(tx, {
            actor: request.actor,
            actorRole: memberOf(request).role,
            orgId: request.params.orgId,
            ...request.body,
            mailer: services.mailer,
            publicUrl: services.config.publicUrl,
          }),
        );
        return reply.status(201).send(invitation);
      },
    );

    app.delete(
      '/orgs/:orgId/invitations/:invitationId',
      {
        config: { access: { kind: 'org', action: 'invitation.manage' } },
        schema: {
          tags: ['members'],
          summary: 'Revoke a pending invitation',
          params: orgParams.extend({ invitationId: z.string().min(1).max(64) }),
        },
      },
      async (request, reply) => {
        await inTransaction(services, (tx) =>
          revokeInvitation(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            invitationId: request.params.invitationId,
          }),
        );
        return reply.status(204).send();
      },
    );

    app.get(
      '/invitations/:token',
      {
        config: { access: { kind: 'public' }, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['members'],
          summary: 'What an invitation link is for',
          params: tokenParams,
          response: { 200: z.object({ email: z.string(), orgName: z.string(), role: roleEnum }) },
        },
      },
      async (request) => describeInvitation(services.database.db, request.params.token),
    );

    app.post(
      '/invitations/:token/accept',
      {
        config: { access: { kind: 'public' }, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['members'],
          summary: 'Accept an invitation and sign in',
          params: tokenParams,
          body: z.strictObject({ name: personNameSchema, password: passwordSchema }),
          response: { 200: sessionSchema },
        },
      },
      async (request, reply) => {
        const { userId, session } = await inTransaction(services, async (tx) => {
          const accepted = await acceptInvitation(tx, {
            token: request.params.token,
            ...request.body,
            ip: request.ip,
          });
          return {
            userId: accepted.userId,
            session: await createSession(tx, {
              userId: accepted.userId,
              ip: request.ip,
              userAgent: request.headers['user-agent'] ?? null,
            }),
          };
        });
        setSessionCookie(reply, {
          ...session,
          secure: services.config.publicUrl.startsWith('https://'),
        });
        return describeSession(services.database.db, userId);
      },
    );
  };
}
