import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  listNotifications,
  markNotificationsRead,
} from '../../domain/notifications/list-notifications.js';
import type { AppServices } from '../services.js';
import { orgParams, sessionOf } from './route-kit.js';

const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});

export function notificationRoutes(services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/orgs/:orgId/notifications',
      {
        config: { access: { kind: 'org', action: 'notification.read' } },
        schema: {
          tags: ['notifications'],
          summary: 'Your newest notifications in this organization',
          params: orgParams,
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(100).default(30),
          }),
          response: {
            200: z.object({ notifications: z.array(notificationSchema), unread: z.number() }),
          },
        },
      },
      async (request) =>
        listNotifications(services.database.db, {
          orgId: request.params.orgId,
          userId: sessionOf(request).user.id,
          limit: request.query.limit,
        }),
    );

    app.post(
      '/orgs/:orgId/notifications/read',
      {
        config: { access: { kind: 'org', action: 'notification.read' } },
        schema: {
          tags: ['notifications'],
          summary: 'Mark notifications read (some by id, or all)',
          params: orgParams,
          body: z.union([
            z.strictObject({ ids: z.array(z.string().min(1).max(64)).min(1).max(100) }),
            z.strictObject({ all: z.literal(true) }),
          ]),
          response: { 200: z.object({ marked: z.number() }) },
        },
      },
      async (request) => ({
        marked: await markNotificationsRead(services.database.db, {
          orgId: request.params.orgId,
          userId: sessionOf(request).user.id,
          ids: 'all' in request.body ? 'all' : request.body.ids,
        }),
      }),
    );
  };
}
