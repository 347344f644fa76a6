import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportAuditEvents } from '../../domain/audit/export-audit-events.js';
import { listAuditActions, listAuditEvents } from '../../domain/audit/list-audit-events.js';
import { recordAuditEvent } from '../../domain/audit/record-audit-event.js';
import type { AppServices } from '../services.js';
import { orgParams } from './route-kit.js';

const isoDate = z
  .string()
  .datetime({ offset: true, message: 'Use an ISO-8601 date-time.' })
  .or(z.string().date('Use a date such as 2026-01-31.'));
const filterSchema = z.strictObject({
  action: z.string().max(100).optional(),
  actorId: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
const eventSchema = z.object({
  id: z.string(),
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  details: z.record(z.string(), z.unknown()),
});

/** A bare date as a `to` bound means the whole of that day. */
const bounds = <F extends { to?: string | undefined }>(f: F): F => ({
  ...f,
  to: f.to && f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to,
});

export function auditRoutes(services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/orgs/:orgId/audit',
      {
        config: { access: { kind: 'org', action: 'audit.read' } },
        schema: {
          tags: ['audit'],
          summary: 'Browse the audit trail, newest first',
          params: orgParams,
          querystring: filterSchema.extend({
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().regex(/^\d+$/).optional(),
          }),
          response: {
            200: z.object({ events: z.array(eventSchema), nextCursor: z.string().nullable() }),
          },
        },
      },
      async (request) =>
        listAuditEvents(services.database.db, {
          orgId: request.params.orgId,
          ...bounds(request.query),
        }),
    );

    app.get(
      '/orgs/:orgId/audit/actions',
      {
        config: { access: { kind: 'org', action: 'audit.read' } },
        schema: {
          tags: ['audit'],
          summary: 'Actions that occur in the trail',
          params: orgParams,
          response: { 200: z.object({ actions: z.array(z.string()) }) },
        },
      },
      async (request) => ({
        actions: await listAuditActions(services.database.db, request.params.orgId),
      }),
    );

    app.get(
      '/orgs/:orgId/audit/export',
      {
        config: { access: { kind: 'org', action: 'audit.export' } },
        schema: {
          tags: ['audit'],
          summary: 'Export the filtered trail as CSV or JSON Lines',
          params: orgParams,
          querystring: filterSchema.extend({ format: z.enum(['csv', 'jsonl']).default('csv') }),
        },
      },
      async (request, reply) => {
        const { format, ...filter } = request.query;
        const { orgId } = request.params;
        await recordAuditEvent(services.database.db, {
          orgId,
          actor: request.actor,
          action: 'audit.exported',
          details: { format, filter },
        });
        const stamp = new Date().toISOString().slice(0, 10);
        void reply
          .header(
            'content-type',
            format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
          )
          .header('content-disposition', `attachment; filename="bedside-audit-${stamp}.${format}"`)
          .header('cache-control', 'no-store');
        return reply.send(
          Readable.from(
            exportAuditEvents(services.database.db, { orgId, format, ...bounds(filter) }),
          ),
        );
      },
    );
  };
}
