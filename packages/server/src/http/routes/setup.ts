import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSession } from '../../domain/auth/sessions.js';
import {
  locationInputSchema,
  newUserSchema,
  organizationInputSchema,
} from '../../domain/orgs/schemas.js';
import { needsSetup, setupFirstRun } from '../../domain/orgs/setup-first-run.js';
import type { AppServices } from '../services.js';
import { inTransaction, setSessionCookie } from './route-kit.js';

export function setupRoutes(services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/setup',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags: ['setup'],
          summary: 'Whether first-run setup is needed',
          response: {
            200: z.object({ needsSetup: z.boolean(), mailOutbox: z.string().nullable() }),
          },
        },
      },
      async () => ({
        needsSetup: await needsSetup(services.database.db),
        mailOutbox: services.mailer.outboxDir,
      }),
    );

    app.post(
      '/setup',
      {
        config: { access: { kind: 'public' }, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['setup'],
          summary: 'Create the first owner, organization and location',
          body: z.strictObject({
            owner: newUserSchema,
            organization: organizationInputSchema,
            location: locationInputSchema,
          }),
          response: {
            201: z.object({
              userId: z.string(),
              orgId: z.string(),
              user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
              organization: z.object({
                id: z.string(),
                name: z.string(),
                kind: z.enum(['practice', 'agency']),
              }),
            }),
          },
        },
      },
      async (request, reply) => {
        const result = await inTransaction(services, async (tx) => {
          const created = await setupFirstRun(tx, { ip: request.ip, ...request.body });
          const session = await createSession(tx, {
            userId: created.userId,
            ip: request.ip,
            userAgent: request.headers['user-agent'] ?? null,
          });
          return { ...created, session };
        });
        setSessionCookie(reply, {
          ...result.session,
          secure: services.config.publicUrl.startsWith('https://'),
        });
        const { owner, organization } = request.body;
        return reply.status(201).send({
          userId: result.userId,
          orgId: result.orgId,
          user: { id: result.userId, name: owner.name, email: owner.email },
          organization: { id: result.orgId, name: organization.name, kind: organization.kind },
        });
      },
    );
  };
}
