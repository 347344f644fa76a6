import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createInboundSources } from '../../domain/reputation/inbound-sources.js';
import {
  addNote,
  getItemRow,
  unmaskItem,
  updateItems,
} from '../../domain/reputation/item-actions.js';
import { getItemDetail } from '../../domain/reputation/item-detail.js';
import { listInbox } from '../../domain/reputation/list-inbox.js';
import {
  decideReply,
  deliverReply,
  markPostedByHand,
  submitReply,
} from '../../domain/reputation/replies.js';
import {
  fillTemplate,
  REPLY_TEMPLATES,
  suggestTemplate,
  templateValues,
} from '../../domain/reputation/reply-templates.js';
import type { AppServices } from '../services.js';
import { orgParams } from './route-kit.js';

const id = z.string().min(1).max(64);
const itemParams = orgParams.extend({ itemId: id });
const replyParams = orgParams.extend({ replyId: id });
export const SOURCE_NAMES = [
  'bluesky',
  'mastodon',
  'google',
  'facebook',
  'instagram',
  'linkedin',
  'x',
  'healthgrades',
  'vitals',
  'zocdoc',
  'yelp',
  'ratemds',
  'webmd',
  'other',
] as const;
const STATUSES = ['new', 'assigned', 'replied', 'closed'] as const;

const itemSchema = z.object({
  id: z.string(),
  source: z.string(),
  kind: z.string(),
  externalId: z.string(),
  url: z.string().nullable(),
  authorName: z.string().nullable(),
  authorHandle: z.string().nullable(),
  text: z.string(),
  masked: z.boolean(),
  phiCategories: z.array(z.string()),
  rating: z.number().nullable(),
  locationId: z.string().nullable(),
  providerId: z.string().nullable(),
  publishedAt: z.string().nullable(),
  receivedAt: z.string(),
  editedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  version: z.number(),
  sentimentScore: z.number().nullable(),
  sentimentLabel: z.string().nullable(),
  topics: z.array(z.string()),
  urgency: z.string(),
  urgencyReasons: z.array(z.string()),
  status: z.string(),
  assigneeId: z.string().nullable(),
  slaDueAt: z.string().nullable(),
  overdue: z.boolean(),
  firstResponseAt: z.string().nullable(),
  replyPostedByHand: z.boolean(),
  threadExternalId: z.string().nullable(),
  parentExternalId: z.string().nullable(),
  canReplyInApp: z.boolean(),
});
const replySchema = z.object({
  id: z.string(),
  authorId: z.string(),
  text: z.string(),
  templateId: z.string().nullable(),
  status: z.string(),
  guardVerdict: z.string(),
  approvedBy: z.string().nullable(),
  sentAt: z.string().nullable(),
  remoteUrl: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
const noteSchema = z.object({
  id: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
});

const inboxQuery = z.strictObject({
  locationId: id.optional(),
  providerId: id.optional(),
  source: z.enum(SOURCE_NAMES).optional(),
  rating: z.coerce.number().int().min(1).max(5).optional(),
  sentiment: z.enum(['positive', 'neutral', 'negative', 'mixed']).optional(),
  topic: z.string().min(1).max(40).optional(),
  urgency: z.enum(['none', 'high', 'critical']).optional(),
  status: z.enum(STATUSES).optional(),
  assigneeId: id.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/**
 * The reputation inbox: list with filters, an item with its thread, notes and replies, bulk
 * assignment and status, unmasking (audited), templates and replies. Replies call networks, so
 * those handlers pass the database and the operation opens its own short transactions.
 */
export function reputationRoutes(services: AppServices): FastifyPluginAsyncZod {
  const { db } = services.database;
  const ports = {
    box: services.box,
    inbound: services.inbound ?? createInboundSources({ networks: services.config.networks }),
  };
  return async (app) => {
    app.get(
      '/orgs/:orgId/reputation/items',
      {
        config: { access: { kind: 'org', action: 'review.read' } },
        schema: {
          tags: ['reputation'],
          summary:
            'The inbox: reviews, comments and mentions, newest first, with filters (PHI masked)',
          params: orgParams,
          querystring: inboxQuery,
          response: {
            200: z.object({ items: z.array(itemSchema), nextCursor: z.string().nullable() }),
          },
        },
      },
      async (request) => {
        const { cursor, limit, overdue, ...filters } = request.query;
        return listInbox(db, {
          orgId: request.params.orgId,
          filters: { ...filters, ...(overdue && { overdue: overdue === 'true' }) },
          ...(cursor && { cursor }),
          ...(limit && { limit }),
        });
      },
    );

    app.get(
      '/orgs/:orgId/reputation/items/:itemId',
      {
        config: { access: { kind: 'org', action: 'review.read' } },
        schema: {
          tags: ['reputation'],
          summary: 'One item with the thread around it, notes, replies and earlier versions',
          params: itemParams,
          response: {
            200: z.object({
              item: itemSchema,
              thread: z.array(itemSchema),
              notes: z.array(noteSchema),
              replies: z.array(replySchema),
              versions: z.array(z.object({ version: z.number(), replacedAt: z.string() })),
            }),
          },
        },
      },
      async (request) =>
        getItemDetail(db, { orgId: request.params.orgId, itemId: request.params.itemId }),
    );

    app.post(
      '/orgs/:orgId/reputation/items/:itemId/unmask',
      {
        config: { access: { kind: 'org', action: 'review.unmask' } },
        schema: {
          tags: ['reputation'],
          summary: 'The item as received, PHI included (recorded as review.unmask)',
          params: itemParams,
          response: { 200: itemSchema },
        },
      },
      async (request) =>
        unmaskItem(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          itemId: request.params.itemId,
        }),
    );

    app.post(
      '/orgs/:orgId/reputation/items/bulk',
      {
        config: { access: { kind: 'org', action: 'review.manage' } },
        schema: {
          tags: ['reputation'],
          summary: 'Assign and/or change the status of one or many items (all or nothing)',
          params: orgParams,
          body: z.strictObject({
            itemIds: z.array(id).min(1).max(500),
            assigneeId: id.nullable().optional(),
            status: z.enum(STATUSES).optional(),
          }),
          response: { 200: z.object({ items: z.array(itemSchema) }) },
        },
      },
      async (request) => {
        const { itemIds, assigneeId, status } = request.body;
        const items = await updateItems(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          itemIds,
          change: { ...(assigneeId !== undefined && { assigneeId }), ...(status && { status }) },
        });
        return { items };
      },
    );

    app.post(
      '/orgs/:orgId/reputation/items/:itemId/notes',
      {
        config: { access: { kind: 'org', action: 'review.respond' } },
        schema: {
          tags: ['reputation'],
          summary: 'Add an internal note (never sent anywhere)',
          params: itemParams,
          body: z.strictObject({ body: z.string().min(1).max(4_000) }),
          response: { 201: noteSchema },
        },
      },
      async (request, reply) => {
        const note = await addNote(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          itemId: request.params.itemId,
          body: request.body.body,
        });
        return reply.status(201).send(note);
      },
    );

    app.get(
      '/orgs/:orgId/reputation/items/:itemId/templates',
      {
        config: { access: { kind: 'org', action: 'review.respond' } },
        schema: {
          tags: ['reputation'],
          summary:
            "Safe reply templates filled with the practice's own details; the best fit first",
          params: itemParams,
          response: {
            200: z.object({
              suggested: z.string(),
              templates: z.array(
                z.object({ id: z.string(), situation: z.string(), text: z.string() }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const item = await getItemRow(db, request.params.orgId, request.params.itemId);
        const values = await templateValues(db, {
          orgId: request.params.orgId,
          locationId: item.locationId,
        });
        return {
          suggested: suggestTemplate({
            sentimentLabel: item.sentimentLabel,
            topics: JSON.parse(item.topics) as string[],
          }),
          templates: REPLY_TEMPLATES.map((t) => ({
            id: t.id,
            situation: t.situation,
            text: fillTemplate(t, values),
          })),
        };
      },
    );

    app.post(
      '/orgs/:orgId/reputation/items/:itemId/replies',
      {
        config: { access: { kind: 'org', action: 'review.respond' } },
        schema: {
          tags: ['reputation'],
          summary: 'Reply: checked by the guard against the review, held for approval or sent',
          params: itemParams,
          body: z.strictObject({
            text: z.string().min(1).max(4_000),
            templateId: z.string().min(1).max(40).nullable(),
          }),
          response: { 201: replySchema },
        },
      },
      async (request, reply) => {
        const created = await submitReply(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          itemId: request.params.itemId,
          text: request.body.text,
          templateId: request.body.templateId,
          ports,
        });
        return reply.status(201).send(created);
      },
    );

    app.post(
      '/orgs/:orgId/reputation/replies/:replyId/decision',
      {
        config: { access: { kind: 'org', action: 'review.manage' } },
        schema: {
          tags: ['reputation'],
          summary: 'Approve (and send) or reject a reply waiting for approval',
          params: replyParams,
          body: z.strictObject({ approve: z.boolean() }),
          response: { 200: replySchema },
        },
      },
      async (request) =>
        decideReply(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          replyId: request.params.replyId,
          approve: request.body.approve,
          ports,
        }),
    );

    app.post(
      '/orgs/:orgId/reputation/replies/:replyId/send',
      {
        config: { access: { kind: 'org', action: 'review.respond' } },
        schema: {
          tags: ['reputation'],
          summary: 'Send an approved reply again after a failure',
          params: replyParams,
          response: { 200: replySchema },
        },
      },
      async (request) =>
        deliverReply(db, { orgId: request.params.orgId, replyId: request.params.replyId, ports }),
    );

    app.post(
      '/orgs/:orgId/reputation/replies/:replyId/posted-by-hand',
      {
        config: { access: { kind: 'org', action: 'review.respond' } },
        schema: {
          tags: ['reputation'],
          summary: 'Record that an approved reply was pasted on the site by hand',
          params: replyParams,
          response: { 200: replySchema },
        },
      },
      async (request) =>
        markPostedByHand(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          replyId: request.params.replyId,
        }),
    );
  };
}
