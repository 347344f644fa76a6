import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getPracticePageSettings,
  updatePracticePage,
} from '../../domain/providers/practice-page-settings.js';
import type { AppServices } from '../services.js';
import { inTransaction, orgParams } from './route-kit.js';

/** The practice's public page settings: slug, published, appointment link, ratings shown. */
export function practicePageRoutes(services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/orgs/:orgId/public-page',
      {
        config: { access: { kind: 'org', action: 'provider.read' } },
        schema: {
          tags: ['providers'],
          summary: 'Public page settings and address',
          params: orgParams,
        },
      },
      async (request) =>
        inTransaction(services, (tx) =>
          getPracticePageSettings(tx, {
            orgId: request.params.orgId,
            publicUrl: services.config.publicUrl,
          }),
        ),
    );

    app.patch(
      '/orgs/:orgId/public-page',
      {
        config: { access: { kind: 'org', action: 'provider.manage' } },
        schema: {
          tags: ['providers'],
          summary: 'Change the public page settings',
          params: orgParams,
          body: z
            .strictObject({
              slug: z
                .string()
                .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Lower-case letters, digits and single hyphens.')
                .max(60),
              published: z.boolean(),
              appointmentUrl: z
                .url({ protocol: /^https?$/ })
                .max(500)
                .nullable(),
              showRatings: z.boolean(),
              description: z.string().trim().max(1000),
            })
            .partial(),
        },
      },
      async (request) =>
        inTransaction(services, (tx) =>
          updatePracticePage(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            input: request.body,
            publicUrl: services.config.publicUrl,
          }),
        ),
    );
  };
}
