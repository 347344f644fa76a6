import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workSummary } from '../../domain/dashboard/work-summary.js';
import type { AppServices } from '../services.js';
import { memberOf, orgParams, sessionOf } from './route-kit.js';

const count = z.number().int().min(0);
const summarySchema = z.object({
  inbox: z
    .object({
      new: count,
      assignedToMe: count,
      overdue: count,
      urgent: count,
      critical: count,
    })
    .nullable(),
  posts: z
    .object({
      awaitingMyReview: count.nullable(),
      myDrafts: count.nullable(),
      returnedToMe: count.nullable(),
    })
    .nullable(),
  publishing: z
    .object({
      failed: count,
      unconfirmed: count,
      paused: count,
      reconnectNeeded: count.nullable(),
    })
    .nullable(),
  consents: z
    .object({ awaitingSignature: count, expiringSoon: count, expiringWithinDays: count })
    .nullable(),
  upcoming: z
    .object({
      total: count,
      posts: z.array(
        z.object({
          targetId: z.string(),
          postId: z.string(),
          network: z.string(),
          locationName: z.string(),
          dueAt: z.string(),
          timeZone: z.string(),
        }),
      ),
    })
    .nullable(),
});

export function dashboardRoutes(services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/orgs/:orgId/dashboard',
      {
        config: { access: { kind: 'org', action: 'dashboard.read' } },
        schema: {
          tags: ['dashboard'],
          summary:
            'What needs you: counts of your review queue, drafts, failed posts, inbox work and authorizations, and the next week’s posts (no text of any post or review)',
          params: orgParams,
          response: { 200: summarySchema },
        },
      },
      async (request) =>
        workSummary(services.database.db, {
          orgId: request.params.orgId,
          viewer: { userId: sessionOf(request).user.id, role: memberOf(request).role },
        }),
    );
  };
}
