import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeMemberRole, listMembers, removeMember } from '../../domain/orgs/members.js';
import { roleSchema } from '../../domain/orgs/schemas.js';
import { roles } from '../../domain/policy/policy.js';
import type { AppServices } from '../services.js';
import { inTransaction, memberOf, orgParams } from './route-kit.js';

const memberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles as [string, ...string[]]),
  totpEnabled: z.boolean(),
  joinedAt: z.string(),
});
const memberParams = orgParams.extend({ userId: z.string().min(1).max(64) });

export function memberRoutes(services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/orgs/:orgId/members',
      {
        config: { access: { kind: 'org', action: 'member.read' } },
        schema: {
          tags: ['members'],
          summary: 'People and their roles',
          params: orgParams,
          response: { 200: z.object({ members: z.array(memberSchema) }) },
        },
      },
      async (request) => ({
        members: await listMembers(services.database.db, request.params.orgId),
      }),
    );

    app.patch(
      '/orgs/:orgId/members/:userId',
      {
        config: { access: { kind: 'org', action: 'member.manage' } },
        schema: {
          tags: ['members'],
          summary: 'Change a role',
          params: memberParams,
          body: z.strictObject({ role: roleSchema }),
          response: { 200: memberSchema },
        },
      },
      async (request) =>
        inTransaction(services, (tx) =>
          changeMemberRole(tx, {
            actor: request.actor,
            actorRole: memberOf(request).role,
            orgId: request.params.orgId,
            userId: request.params.userId,
            role: request.body.role,
          }),
        ),
    );

    app.delete(
      '/orgs/:orgId/members/:userId',
      {
        config: { access: { kind: 'org', action: 'member.manage' } },
        schema: {
          tags: ['members'],
          summary: 'Remove a person from the organization',
          params: memberParams,
        },
      },
      async (request, reply) => {
        await inTransaction(services, (tx) =>
          removeMember(tx, {
            actor: request.actor,
            actorRole: memberOf(request).role,
            orgId: request.params.orgId,
            userId: request.params.userId,
          }),
        );
        return reply.status(204).send();
      },
    );
  };
}
