import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAuditEvent } from '../../domain/audit/record-audit-event.js';
import { dashboardCsv } from '../../domain/reputation/dashboard/dashboard-csv.js';
import type { DashboardFilter } from '../../domain/reputation/dashboard/dashboard-types.js';
import { addDays, daysInRange } from '../../domain/reputation/dashboard/periods.js';
import { reputationDashboard } from '../../domain/reputation/dashboard/reputation-dashboard.js';
import { invalid, notFound } from '../../errors.js';
import type { AppServices } from '../services.js';
import { orgParams } from './route-kit.js';

const SOURCES = [
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
/** Longest range: three years by week or month, one year by day (a chart of 1,000 points is not read). */
const MAX_DAYS = { day: 366, week: 1100, month: 1100 } as const;
const DEFAULT_DAYS = 90;

const day = z.string().date('Use a date such as 2026-01-31.');
const querySchema = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  bucket: z.enum(['day', 'week', 'month']).default('week'),
  locationId: z.string().min(1).max(64).optional(),
  providerId: z.string().min(1).max(64).optional(),
  source: z.enum(SOURCES).optional(),
});
type DashboardQuery = z.infer<typeof querySchema>;

const stats = {
  items: z.number(),
  rated: z.number(),
  averageRating: z.number().nullable(),
  responded: z.number(),
  responseRate: z.number().nullable(),
  medianResponseHours: z.number().nullable(),
  positive: z.number(),
  neutral: z.number(),
  negative: z.number(),
  mixed: z.number(),
  urgent: z.number(),
};
const groupTrend = z.object({
  id: z.string().nullable(),
  name: z.string(),
  items: z.number(),
  averageRating: z.number().nullable(),
  responseRate: z.number().nullable(),
  series: z.array(
    z.object({ period: z.string(), items: z.number(), averageRating: z.number().nullable() }),
  ),
});
const dashboardSchema = z.object({
  filter: z.object({ from: z.string(), to: z.string(), bucket: z.enum(['day', 'week', 'month']) }),
  periods: z.array(z.string()),
  totals: z.object(stats),
  series: z.array(z.object({ period: z.string(), ...stats })),
  locations: z.array(groupTrend),
  providers: z.array(groupTrend),
  topics: z.array(
    z.object({
      topic: z.string(),
      items: z.number(),
      negative: z.number(),
      series: z.array(z.object({ period: z.string(), items: z.number(), negative: z.number() })),
    }),
  ),
});

/** Fills the default range (the last 90 days, to today in UTC) and refuses an impossible one. */
function filterOf(query: DashboardQuery): DashboardFilter {
  const to = query.to ?? new Date().toISOString().slice(0, 10);
  const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (from > to) throw invalid({ from: 'The start date must not be after the end date.' });
  const max = MAX_DAYS[query.bucket];
  if (daysInRange(from, to) > max) {
    throw invalid({ to: `Choose at most ${max} days when grouping by ${query.bucket}.` });
  }
  return {
    from,
    to,
    bucket: query.bucket,
    locationId: query.locationId,
    providerId: query.providerId,
    source: query.source,
  };
}

export function reputationDashboardRoutes(services: AppServices): FastifyPluginAsyncZod {
  const { db, dialect } = services.database;

  /** A location or provider of another organization answers 404, like any other resource. */
  const checkScope = async (orgId: string, filter: DashboardFilter): Promise<void> => {
    if (filter.locationId) {
      const found = await db
        .selectFrom('locations')
        .select('id')
        .where('orgId', '=', orgId)
        .where('id', '=', filter.locationId)
        .executeTakeFirst();
      if (!found) throw notFound('Location');
    }
    if (filter.providerId) {
      const found = await db
        .selectFrom('providers')
        .select('id')
        .where('orgId', '=', orgId)
        .where('id', '=', filter.providerId)
        .executeTakeFirst();
      if (!found) throw notFound('Provider');
    }
  };

  return async (app) => {
    app.get(
      '/orgs/:orgId/reputation/dashboard',
      {
        config: { access: { kind: 'org', action: 'reputation.dashboard' } },
        schema: {
          tags: ['reputation'],
          summary:
            'Reputation dashboard: volume, average rating, response rate and time, sentiment and topic trends',
          params: orgParams,
          querystring: querySchema,
          response: { 200: dashboardSchema },
        },
      },
      async (request) => {
        const { orgId } = request.params;
        const filter = filterOf(request.query);
        await checkScope(orgId, filter);
        return reputationDashboard(db, { orgId, dialect, filter });
      },
    );

    app.get(
      '/orgs/:orgId/reputation/dashboard/export',
      {
        config: { access: { kind: 'org', action: 'reputation.dashboard' } },
        schema: {
          tags: ['reputation'],
          summary: 'The reputation dashboard as CSV (aggregates only)',
          params: orgParams,
          querystring: querySchema,
        },
      },
      async (request, reply) => {
        const { orgId } = request.params;
        const filter = filterOf(request.query);
        await checkScope(orgId, filter);
        const dashboard = await reputationDashboard(db, { orgId, dialect, filter });
        await recordAuditEvent(db, {
          orgId,
          actor: request.actor,
          action: 'reputation.dashboard_exported',
          details: { filter: { ...filter } },
        });
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="bedside-reputation-${filter.from}-to-${filter.to}.csv"`,
          )
          .header('cache-control', 'no-store')
          .send(dashboardCsv(dashboard));
      },
    );
  };
}
