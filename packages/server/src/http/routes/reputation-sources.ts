import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createInboundSources } from '../../domain/reputation/inbound-sources.js';
import { importReviewEmail } from '../../domain/reputation/import-eml.js';
import { IMPORT_FIELDS, suggestMapping } from '../../domain/reputation/import-mapping.js';
import { previewImport } from '../../domain/reputation/import-preview.js';
import { importReviews, listImports } from '../../domain/reputation/import-reviews.js';
import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  testWebhook,
} from '../../domain/reputation/outbound-webhooks.js';
import {
  getReputationSettings,
  myAlertPreference,
  updateMyAlertPreference,
  updateReputationSettings,
} from '../../domain/reputation/settings.js';
import {
  createSource,
  listAssignees,
  listSources,
  removeSource,
  setSourceEnabled,
} from '../../domain/reputation/sources.js';
import type { AppServices } from '../services.js';
import { orgParams } from './route-kit.js';

const id = z.string().min(1).max(64);
/** Under the 3 MB the API refuses as oversized; bigger exports are split (or use the CLI). */
const IMPORT_BODY_LIMIT = 2 * 1024 * 1024 + 64 * 1024;
const IMPORT_SITES = [
  'healthgrades',
  'vitals',
  'zocdoc',
  'yelp',
  'ratemds',
  'webmd',
  'google',
  'facebook',
  'other',
] as const;
const LEVELS = ['all', 'negative', 'urgent', 'none'] as const;

const sourceSchema = z.object({
  id: z.string(),
  source: z.string(),
  mode: z.string(),
  name: z.string(),
  locationId: z.string().nullable(),
  channelId: z.string().nullable(),
  enabled: z.boolean(),
  status: z.string(),
  consecutiveFailures: z.number(),
  lastErrorKind: z.string().nullable(),
  lastErrorMessage: z.string().nullable(),
  lastPolledAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  nextPollAt: z.string().nullable(),
  webhookPath: z.string().nullable(),
});
const mappingSchema = z.strictObject(
  Object.fromEntries(
    IMPORT_FIELDS.map((f) => [f, z.string().min(1).max(200).optional()]),
  ) as Record<(typeof IMPORT_FIELDS)[number], z.ZodOptional<z.ZodString>>,
);
const importReport = z.object({
  importId: z.string(),
  rowsTotal: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  skipped: z.number(),
  problems: z.array(z.object({ line: z.number(), reason: z.string() })),
});
const settingsSchema = z.strictObject({
  requireReplyApproval: z.boolean(),
  slaNegativeHours: z.number().int(),
  slaOtherHours: z.number().int().nullable(),
  digestHourUtc: z.number().int(),
});
const preferenceSchema = z.strictObject({
  level: z.enum(LEVELS),
  email: z.boolean(),
  inApp: z.boolean(),
  digest: z.boolean(),
  /** Per channel: which items alert by email and which in the app (they win over level/email/inApp). */
  emailLevel: z.enum(LEVELS),
  inAppLevel: z.enum(LEVELS),
});
const preferenceBody = preferenceSchema.partial({ emailLevel: true, inAppLevel: true });
const preferenceView = (p: z.infer<typeof preferenceSchema>) => ({
  level: p.level,
  email: p.email,
  inApp: p.inApp,
  digest: p.digest,
  emailLevel: p.emailLevel,
  inAppLevel: p.inAppLevel,
});
const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  format: z.enum(['json', 'slack']),
  level: z.enum(LEVELS),
  enabled: z.boolean(),
  lastStatus: z.string().nullable(),
  lastDeliveryAt: z.string().nullable(),
  createdAt: z.string(),
});

async function* once(text: string): AsyncGenerator<string> {
  // The parser reads in pieces as it would from a file stream.
  for (let i = 0; i < text.length; i += 64 * 1024) yield text.slice(i, i + 64 * 1024);
}

/** Where reviews come from (sources and their status), imports, SLA settings, alert preferences and webhooks. */
export function reputationSourceRoutes(services: AppServices): FastifyPluginAsyncZod {
  const { db } = services.database;
  const inbound = services.inbound ?? createInboundSources({ networks: services.config.networks });
  return async (app) => {
    app.get(
      '/orgs/:orgId/reputation/sources',
      {
        config: { access: { kind: 'org', action: 'review.read' } },
        schema: {
          tags: ['reputation'],
          summary: 'Sources with their polling status and last error',
          params: orgParams,
          response: { 200: z.object({ sources: z.array(sourceSchema) }) },
        },
      },
      async (request) => ({ sources: await listSources(db, request.params.orgId) }),
    );

    app.post(
      '/orgs/:orgId/reputation/sources',
      {
        config: { access: { kind: 'org', action: 'review.manage' } },
        schema: {
          tags: ['reputation'],
          summary: 'Read mentions from a connected account, or receive Meta webhooks',
          params: orgParams,
          body: z.discriminatedUnion('mode', [
            z.strictObject({ mode: z.literal('poll'), channelId: id }),
            z.strictObject({
              mode: z.literal('webhook'),
              source: z.enum(['facebook', 'instagram']),
              name: z.string().max(120),
              locationId: id.nullable(),
              appSecret: z.string().min(1).max(200),
              verifyToken: z.string().min(1).max(200),
            }),
          ]),
          response: { 201: sourceSchema },
        },
      },
      async (request, reply) => {
        const source = await createSource(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          input: request.body,
          box: services.box,
          inbound,
        });
        return reply.status(201).send(source);
      },
    );

    app.post(
      '/orgs/:orgId/reputation/sources/:sourceId/enabled',
      {
        config: { access: { kind: 'org', action: 'review.manage' } },
        schema: {
          tags: ['reputation'],
          summary: 'Pause or resume a source (resuming clears its failures)',
          params: orgParams.extend({ sourceId: id }),
          body: z.strictObject({ enabled: z.boolean() }),
          response: { 200: sourceSchema },
        },
      },
      async (request) =>
        setSourceEnabled(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          sourceId: request.params.sourceId,
          enabled: request.body.enabled,
        }),
    );

    app.delete(
      '/orgs/:orgId/reputation/sources/:sourceId',
      {
        config: { access: { kind: 'org', action: 'review.manage' } },
        schema: {
          tags: ['reputation'],
          summary: 'Remove a source (its items stay in the inbox)',
          params: orgParams.extend({ sourceId: id }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await removeSource(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          sourceId: request.params.sourceId,
        });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/orgs/:orgId/reputation/assignees',
      {
        config: { access: { kind: 'org', action: 'review.read' } },
        schema: {
          tags: ['reputation'],
          summary: 'Everyone an inbox item can be assigned to',
          params: orgParams,
          response: {
            200: z.object({
              assignees: z.array(
                z.object({ userId: z.string(), name: z.string(), role: z.string() }),
              ),
            }),
          },
        },
      },
      async (request) => ({ assignees: await listAssignees(db, request.params.orgId) }),
    );

    app.post(
      '/orgs/:orgId/reputation/imports/preview',
      {
        config: { access: { kind: 'org', action: 'review.import' } },
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ['reputation'],
          summary: 'The columns and first rows of an export, and a suggested mapping',
          params: orgParams,
          body: z.strictObject({
            format: z.enum(['csv', 'json']),
            sample: z
              .string()
              .min(1)
              .max(256 * 1024),
          }),
          response: {
            200: z.object({
              columns: z.array(z.string()),
              rows: z.array(z.record(z.string(), z.string())),
              suggested: z.record(z.string(), z.string()),
            }),
          },
        },
      },
      async (request) => {
        const preview = await previewImport(request.body.format, request.body.sample);
        return { ...preview, suggested: suggestMapping(preview.columns) as Record<string, string> };
      },
    );

    app.post(
      '/orgs/:orgId/reputation/imports',
      {
        config: { access: { kind: 'org', action: 'review.import' } },
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ['reputation'],
          summary: 'Import reviews from a CSV or JSON export with a column mapping',
          params: orgParams,
          body: z.strictObject({
            source: z.enum(IMPORT_SITES),
            format: z.enum(['csv', 'json']),
            mapping: mappingSchema,
            fileName: z.string().max(200).nullable(),
            content: z
              .string()
              .min(1)
              .max(2 * 1024 * 1024),
          }),
          response: { 200: importReport },
        },
      },
      async (request) =>
        importReviews(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          source: request.body.source,
          format: request.body.format,
          mapping: request.body.mapping,
          fileName: request.body.fileName,
          input: once(request.body.content),
        }),
    );

    app.get(
      '/orgs/:orgId/reputation/imports',
      {
        config: { access: { kind: 'org', action: 'review.import' } },
        schema: {
          tags: ['reputation'],
          summary: 'Recent imports with their counts and problems (line numbers, never content)',
          params: orgParams,
          response: {
            200: z.object({
              imports: z.array(
                importReport.extend({
                  source: z.string(),
                  fileName: z.string().nullable(),
                  createdAt: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({ imports: await listImports(db, request.params.orgId) }),
    );

    app.post(
      '/orgs/:orgId/reputation/imports/email',
      {
        config: { access: { kind: 'org', action: 'review.import' } },
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ['reputation'],
          summary: 'Import a review-notification email (.eml)',
          params: orgParams,
          body: z.strictObject({
            source: z.enum(IMPORT_SITES).nullable(),
            locationId: id.nullable(),
            content: z
              .string()
              .min(1)
              .max(2 * 1024 * 1024),
          }),
          response: {
            200: z.object({
              itemId: z.string().nullable(),
              created: z.boolean(),
              source: z.string(),
            }),
          },
        },
      },
      async (request) =>
        importReviewEmail(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          raw: Buffer.from(request.body.content, 'utf8'),
          source: request.body.source,
          locationId: request.body.locationId,
        }),
    );

    app.get(
      '/orgs/:orgId/reputation/settings',
      {
        config: { access: { kind: 'org', action: 'review.read' } },
        schema: {
          tags: ['reputation'],
          summary: 'Reply approval and SLA settings',
          params: orgParams,
          response: { 200: settingsSchema },
        },
      },
      async (request) => getReputationSettings(db, request.params.orgId),
    );

    app.put(
      '/orgs/:orgId/reputation/settings',
      {
        config: { access: { kind: 'org', action: 'review.manage' } },
        schema: {
          tags: ['reputation'],
          summary: 'Change reply approval and SLA settings',
          params: orgParams,
          body: settingsSchema,
          response: { 200: settingsSchema },
        },
      },
      async (request) =>
        updateReputationSettings(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          settings: request.body,
        }),
    );

    app.get(
      '/orgs/:orgId/reputation/alert-preferences',
      {
        config: { access: { kind: 'org', action: 'review.read' } },
        schema: {
          tags: ['reputation'],
          summary: 'My alert preferences (the default for my role until I choose)',
          params: orgParams,
          response: { 200: preferenceSchema },
        },
      },
      async (request) => {
        const p = await myAlertPreference(db, {
          orgId: request.params.orgId,
          userId: request.actor.userId ?? '',
        });
        return preferenceView(p);
      },
    );

    app.put(
      '/orgs/:orgId/reputation/alert-preferences',
      {
        config: { access: { kind: 'org', action: 'review.read' } },
        schema: {
          tags: ['reputation'],
          summary: 'Choose which items alert me, and how',
          params: orgParams,
          body: preferenceBody,
          response: { 200: preferenceSchema },
        },
      },
      async (request) => {
        const p = await updateMyAlertPreference(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          preference: request.body,
        });
        return preferenceView(p);
      },
    );

    app.get(
      '/orgs/:orgId/reputation/webhooks',
      {
        config: { access: { kind: 'org', action: 'review.manage' } },
        schema: {
          tags: ['reputation'],
          summary: 'Outbound alert webhooks',
          params: orgParams,
          response: { 200: z.object({ webhooks: z.array(webhookSchema) }) },
        },
      },
      async (request) => ({ webhooks: await listWebhooks(db, request.params.orgId) }),
    );

    app.post(
      '/orgs/:orgId/reputation/webhooks',
      {
        config: { access: { kind: 'org', action: 'review.manage' } },
        schema: {
          tags: ['reputation'],
          summary:
            'Add an outbound webhook (JSON or Slack-compatible); its signing secret is shown once',
          params: orgParams,
          body: z.strictObject({
            url: z.string().min(1).max(500),
            format: z.enum(['json', 'slack']),
            level: z.enum(LEVELS),
          }),
          response: { 201: z.object({ webhook: webhookSchema, secret: z.string() }) },
        },
      },
      async (request, reply) => {
        const created = await createWebhook(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          input: request.body,
          box: services.box,
        });
        return reply.status(201).send(created);
      },
    );

    app.post(
      '/orgs/:orgId/reputation/webhooks/:webhookId/test',
      {
        config: { access: { kind: 'org', action: 'review.manage' } },
        schema: {
          tags: ['reputation'],
          summary: 'Send a signed test alert to a webhook and report how it answered',
          params: orgParams.extend({ webhookId: id }),
          response: { 200: z.object({ status: z.string() }) },
        },
      },
      async (request) =>
        testWebhook(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          webhookId: request.params.webhookId,
          box: services.box,
          publicUrl: services.config.publicUrl,
        }),
    );

    app.delete(
      '/orgs/:orgId/reputation/webhooks/:webhookId',
      {
        config: { access: { kind: 'org', action: 'review.manage' } },
        schema: {
          tags: ['reputation'],
          summary: 'Remove an outbound webhook',
          params: orgParams.extend({ webhookId: id }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await deleteWebhook(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          webhookId: request.params.webhookId,
        });
        return reply.status(204).send(null);
      },
    );
  };
}
