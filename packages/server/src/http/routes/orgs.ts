import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { organizationSettingsSchema } from '../../domain/orgs/schemas.js';
import { getOrganization, updateOrganization } from '../../domain/orgs/update-organization.js';
import type { AppServices } from '../services.js';
import { inTransaction, orgParams } from './route-kit.js';

const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['practice', 'agency']),
  requireTotp: z.boolean(),
  idleTimeoutMinutes: z.number(),
});

export function orgRoutes(services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/orgs/:orgId',
      {
        config: { access: { kind: 'org', action: 'org.read' } },
        schema: {
          tags: ['organizations'],
          summary: 'An organization and its settings',
          params: orgParams,
          response: { 200: organizationSchema },
        },
      },
      async (request) => getOrganization(services.database.db, request.params.orgId),
    );

    app.patch(
      '/orgs/:orgId',
      {
        config: { access: { kind: 'org', action: 'org.update' } },
        schema: {
          tags: ['organizations'],
          summary: 'Change name, two-factor requirement or idle logoff',
          params: orgParams,
          body: organizationSettingsSchema,
          response: { 200: organizationSchema },
        },
      },
      async (request) =>
        inTransaction(services, (tx) =>
          updateOrganization(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            changes: request.body,
          }),
        ),
    );
  };
}
