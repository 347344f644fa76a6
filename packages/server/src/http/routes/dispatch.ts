import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createChannelConnectors } from '../../domain/channels/channel-connectors.js';
import { deletePublishedPost } from '../../domain/dispatch/delete-published-post.js';
import { listCalendar } from '../../domain/dispatch/list-calendar.js';
import { listQueueSlots, setQueueSlots } from '../../domain/dispatch/queue-slots.js';
import { resolveUnconfirmed } from '../../domain/dispatch/resolve-unconfirmed.js';
import { schedulePost } from '../../domain/dispatch/schedule-post.js';
import { unschedulePost } from '../../domain/dispatch/unschedule-post.js';
import type { AppServices } from '../services.js';
import { orgParams } from './route-kit.js';

const id = z.string().min(1).max(64);
const postParams = orgParams.extend({ postId: id });
const slotSchema = z.strictObject({
  weekday: z.number().int().min(0).max(6),
  localTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time such as 09:30.'),
});
const scheduledSchema = z.object({
  postId: z.string(),
  scheduledAt: z.string(),
  timeZone: z.string(),
  localTime: z.string(),
  adjustment: z.enum(['none', 'skipped', 'repeated']),
  targets: z.array(
    z.object({ id: z.string(), channelId: z.string(), occurrence: z.number(), dueAt: z.string() }),
  ),
});
const entrySchema = z.object({
  targetId: z.string(),
  postId: z.string(),
  channelId: z.string(),
  network: z.string(),
  handle: z.string(),
  locationId: z.string(),
  dueAt: z.string(),
  timeZone: z.string(),
  occurrence: z.number(),
  recurring: z.boolean(),
  status: z.string(),
  postStatus: z.string(),
  excerpt: z.string(),
  remoteUrl: z.string().nullable(),
  publishedAt: z.string().nullable(),
  attempts: z.number(),
  error: z.object({ kind: z.string(), message: z.string(), fix: z.string().nullable() }).nullable(),
});

/** Scheduling, the calendar, queue times, checking unconfirmed posts and taking posts down. */
export function dispatchRoutes(services: AppServices): FastifyPluginAsyncZod {
  const { db } = services.database;
  const connectors = services.connectors ?? createChannelConnectors();
  return async (app) => {
    app.get(
      '/orgs/:orgId/calendar',
      {
        config: { access: { kind: 'org', action: 'post.read' } },
        schema: {
          tags: ['calendar'],
          summary: 'Scheduled and published posts per network between two instants (≤ 62 days)',
          params: orgParams,
          querystring: z.strictObject({
            from: z.string().min(1).max(40),
            to: z.string().min(1).max(40),
            locationId: id.optional(),
            network: z.string().min(1).max(20).optional(),
          }),
          response: { 200: z.object({ entries: z.array(entrySchema) }) },
        },
      },
      async (request) => ({
        entries: await listCalendar(db, { orgId: request.params.orgId, ...request.query }),
      }),
    );

    app.post(
      '/orgs/:orgId/posts/:postId/schedule',
      {
        config: { access: { kind: 'org', action: 'post.schedule' } },
        schema: {
          tags: ['calendar'],
          summary:
            "Schedule (or move) an approved post: a wall-clock time in the location's zone, or the next queue time",
          params: postParams,
          body: z.strictObject({
            localTime: z.string().min(1).max(40).optional(),
            queue: z.boolean().optional(),
            timeZone: z.string().min(1).max(64).optional(),
            recurrence: z
              .strictObject({
                frequency: z.enum(['daily', 'weekly', 'monthly']),
                interval: z.number().int(),
                count: z.number().int(),
              })
              .optional(),
          }),
          response: { 200: scheduledSchema },
        },
      },
      async (request) =>
        schedulePost(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          postId: request.params.postId,
          ...request.body,
        }),
    );

    app.post(
      '/orgs/:orgId/posts/:postId/unschedule',
      {
        config: { access: { kind: 'org', action: 'post.schedule' } },
        schema: {
          tags: ['calendar'],
          summary: 'Take a scheduled post off the calendar (it stays approved)',
          params: postParams,
          response: { 200: z.object({ postId: z.string(), canceled: z.number() }) },
        },
      },
      async (request) =>
        unschedulePost(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          postId: request.params.postId,
        }),
    );

    app.post(
      '/orgs/:orgId/posts/:postId/delete-from-networks',
      {
        config: { access: { kind: 'org', action: 'post.delete' } },
        schema: {
          tags: ['calendar'],
          summary:
            'Delete a published post from every network whose API allows it; the rest need removing by hand',
          params: postParams,
          response: {
            200: z.object({
              targets: z.array(
                z.object({
                  targetId: z.string(),
                  channelId: z.string(),
                  network: z.string(),
                  outcome: z.enum(['deleted', 'manual_removal_needed', 'canceled', 'failed']),
                  url: z.string().nullable(),
                  reason: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({
        targets: await deletePublishedPost(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          postId: request.params.postId,
          box: services.box,
          connectors,
        }),
      }),
    );

    app.post(
      '/orgs/:orgId/targets/:targetId/resolve',
      {
        config: { access: { kind: 'org', action: 'post.schedule' } },
        schema: {
          tags: ['calendar'],
          summary:
            'After checking the network: an unconfirmed post is there, should be sent, or not',
          params: orgParams.extend({ targetId: id }),
          body: z.strictObject({
            resolution: z.enum(['published', 'retry', 'failed']),
            url: z.string().min(1).max(500).optional(),
          }),
          response: { 200: z.object({ targetId: z.string(), status: z.string() }) },
        },
      },
      async (request) =>
        resolveUnconfirmed(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          targetId: request.params.targetId,
          ...request.body,
        }),
    );

    app.get(
      '/orgs/:orgId/channels/:channelId/queue',
      {
        config: { access: { kind: 'org', action: 'channel.read' } },
        schema: {
          tags: ['calendar'],
          summary: "A channel's weekly queue times, in its location's time zone",
          params: orgParams.extend({ channelId: id }),
          response: { 200: z.object({ slots: z.array(slotSchema) }) },
        },
      },
      async (request) => ({
        slots: await listQueueSlots(db, {
          orgId: request.params.orgId,
          channelId: request.params.channelId,
        }),
      }),
    );

    app.put(
      '/orgs/:orgId/channels/:channelId/queue',
      {
        config: { access: { kind: 'org', action: 'post.schedule' } },
        schema: {
          tags: ['calendar'],
          summary: "Replace a channel's weekly queue times",
          params: orgParams.extend({ channelId: id }),
          body: z.strictObject({ slots: z.array(slotSchema).max(50) }),
          response: { 200: z.object({ slots: z.array(slotSchema) }) },
        },
      },
      async (request) => ({
        slots: await setQueueSlots(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          channelId: request.params.channelId,
          slots: request.body.slots,
        }),
      }),
    );
  };
}
