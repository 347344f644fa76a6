import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../services.js';

export function healthRoutes(services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      {
        config: { access: { kind: 'public' }, rateLimit: false },
        schema: {
          tags: ['system'],
          summary: 'Process and database health',
          response: {
            200: z.object({
              status: z.literal('ok'),
              database: z.literal('ok'),
              dialect: z.enum(['sqlite', 'postgres']),
              uptimeSeconds: z.number(),
            }),
            503: z.object({ status: z.literal('unavailable'), database: z.literal('unreachable') }),
          },
        },
      },
      async (_request, reply) => {
        try {
          await sql`select 1`.execute(services.database.db);
          return {
            status: 'ok' as const,
            database: 'ok' as const,
            dialect: services.database.dialect,
            uptimeSeconds: Math.round(process.uptime()),
          };
        } catch (err) {
          _request.log.error({ err }, 'health check: database unreachable');
          return reply
            .status(503)
            .send({ status: 'unavailable' as const, database: 'unreachable' as const });
        }
      },
    );

    app.get(
      '/openapi.json',
      { config: { access: { kind: 'public' } }, schema: { hide: true } },
      async () => app.swagger(),
    );
  };
}
