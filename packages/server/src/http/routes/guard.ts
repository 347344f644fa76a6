import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkText, guardContextFor } from '../../domain/guard/check-text.js';
import type { AppServices } from '../services.js';
import { orgParams } from './route-kit.js';

const findingSchema = z.object({
  rule: z.string(),
  category: z.string(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
  severity: z.enum(['block', 'warn', 'info']),
  message: z.string(),
  fix: z
    .object({ kind: z.string(), description: z.string(), replacement: z.string().optional() })
    .optional(),
});

export function guardRoutes(services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/orgs/:orgId/guard/context',
      {
        config: { access: { kind: 'org', action: 'guard.check' } },
        schema: {
          tags: ['guard'],
          summary: "The practice's own names, places and numbers the guard treats as not PHI",
          params: orgParams,
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async (request) =>
        (await guardContextFor(services.database.db, request.params.orgId)) as Record<
          string,
          unknown
        >,
    );

    app.post(
      '/orgs/:orgId/guard/check',
      {
        config: {
          access: { kind: 'org', action: 'guard.check' },
          rateLimit: { max: 120, timeWindow: '1 minute' },
        },
        bodyLimit: 2 * 1024 * 1024,
        schema: {
          tags: ['guard'],
          summary: 'Check text for patient PHI, patient-relationship disclosure and risky claims',
          params: orgParams,
          body: z.strictObject({
            text: z.string().max(1_048_576, 'Text is limited to 1 MB.'),
            kind: z.enum(['post', 'reply', 'message']),
            review: z.string().max(100_000).optional(),
            network: z
              .enum(['x', 'bluesky', 'mastodon', 'instagram', 'linkedin', 'facebook', 'gbp'])
              .optional(),
          }),
          response: {
            200: z.object({
              verdict: z.enum(['block', 'review', 'pass']),
              findings: z.array(findingSchema),
            }),
          },
        },
      },
      async (request) =>
        checkText(services.database.db, { orgId: request.params.orgId, ...request.body }),
    );
  };
}
