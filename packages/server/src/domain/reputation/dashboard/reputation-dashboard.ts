import { sql } from 'kysely';
import type { DbOrTx, DialectName } from '../../../db/database.js';
import { hoursBetween, occurredAt, periodOf } from './dashboard-sql.js';
import type {
  DashboardFilter,
  GroupTrend,
  ItemStats,
  PeriodStats,
  ReputationDashboard,
  TopicTrend,
} from './dashboard-types.js';
import { addDays, periodsBetween } from './periods.js';

/**
 * The reputation dashboard: volume and average rating over time (overall, per location, per
 * provider), response rate and median response time, sentiment and topic trends — aggregates
 * only, never an item's text or author. Deleted items are left out. Items are placed in time by
 * when they were published at the source, else when received; response time counts from receipt.
 * Periods are UTC.
 */
export async function reputationDashboard(
  db: DbOrTx,
  options: { orgId: string; dialect: DialectName; filter: DashboardFilter },
): Promise<ReputationDashboard> {
  const { filter } = options;
  const periods = periodsBetween(filter.from, filter.to, filter.bucket);
  const [groups, medians, overallMedian, topics, names] = await Promise.all([
    groupedCounts(db, options),
    medianResponseHours(db, { ...options, byPeriod: true }),
    medianResponseHours(db, { ...options, byPeriod: false }),
    topicCounts(db, options),
    groupNames(db, options.orgId),
  ]);

  const byPeriod = new Map<string, Counts>();
  const byLocation = new Map<string | null, Map<string, Counts>>();
  const byProvider = new Map<string | null, Map<string, Counts>>();
  const total = emptyCounts();
  for (const row of groups) {
    const counts = countsOf(row);
    add(total, counts);
    add(getOr(byPeriod, row.period, emptyCounts), counts);
    add(
      getOr(
        getOr(byLocation, row.locationId, () => new Map()),
        row.period,
        emptyCounts,
      ),
      counts,
    );
    add(
      getOr(
        getOr(byProvider, row.providerId, () => new Map()),
        row.period,
        emptyCounts,
      ),
      counts,
    );
  }

  const series: PeriodStats[] = periods.map((period) => ({
    period,
    ...statsOf(byPeriod.get(period) ?? emptyCounts(), medians.get(period) ?? null),
  }));
  return {
    filter: { from: filter.from, to: filter.to, bucket: filter.bucket },
    periods,
    totals: statsOf(total, overallMedian.get('all') ?? null),
    series,
    locations: trends(byLocation, { periods, names: names.locations, none: 'No location' }),
    providers: trends(byProvider, { periods, names: names.providers, none: 'No provider' }),
    topics: topicTrends(topics, periods),
  };
}

interface Counts {
  items: number;
  rated: number;
  ratingSum: number;
  responded: number;
  positive: number;
  neutral: number;
  negative: number;
  mixed: number;
  urgent: number;
}

const COUNT_KEYS = [
  'items',
  'rated',
  'ratingSum',
  'responded',
  'positive',
  'neutral',
  'negative',
  'mixed',
  'urgent',
] as const;

function emptyCounts(): Counts {
  return Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as Counts;
}

function add(into: Counts, counts: Counts): void {
  for (const k of COUNT_KEYS) into[k] += counts[k];
}

function getOr<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function statsOf(c: Counts, medianHours: number | null): ItemStats {
  return {
    items: c.items,
    rated: c.rated,
    averageRating: c.rated > 0 ? round(c.ratingSum / c.rated, 2) : null,
    responded: c.responded,
    responseRate: c.items > 0 ? round(c.responded / c.items, 4) : null,
    medianResponseHours: medianHours === null ? null : round(medianHours, 2),
    positive: c.positive,
    neutral: c.neutral,
    negative: c.negative,
    mixed: c.mixed,
    urgent: c.urgent,
  };
}

function trends(
  groups: Map<string | null, Map<string, Counts>>,
  context: { periods: string[]; names: Map<string, string>; none: string },
): GroupTrend[] {
  const out: GroupTrend[] = [];
  for (const [id, perPeriod] of groups) {
    const total = emptyCounts();
    for (const c of perPeriod.values()) add(total, c);
    const stats = statsOf(total, null);
    out.push({
      id,
      name: id === null ? context.none : (context.names.get(id) ?? 'Removed'),
      items: stats.items,
      averageRating: stats.averageRating,
      responseRate: stats.responseRate,
      series: context.periods.map((period) => {
        const s = statsOf(perPeriod.get(period) ?? emptyCounts(), null);
        return { period, items: s.items, averageRating: s.averageRating };
      }),
    });
  }
  return out.sort((a, b) => b.items - a.items || a.name.localeCompare(b.name));
}

function topicTrends(
  rows: { period: string; topic: string; items: number; negative: number }[],
  periods: string[],
): TopicTrend[] {
  const byTopic = new Map<string, Map<string, { items: number; negative: number }>>();
  for (const row of rows) {
    const cell = getOr(
      getOr(byTopic, row.topic, () => new Map()),
      row.period,
      () => ({
        items: 0,
        negative: 0,
      }),
    );
    cell.items += row.items;
    cell.negative += row.negative;
  }
  const out: TopicTrend[] = [];
  for (const [topic, perPeriod] of byTopic) {
    const series = periods.map((period) => ({
      period,
      items: perPeriod.get(period)?.items ?? 0,
      negative: perPeriod.get(period)?.negative ?? 0,
    }));
    out.push({
      topic,
      items: series.reduce((n, s) => n + s.items, 0),
      negative: series.reduce((n, s) => n + s.negative, 0),
      series,
    });
  }
  return out.sort((a, b) => b.items - a.items || a.topic.localeCompare(b.topic));
}

/** The rows the dashboard counts: this organization, the range, the filters, not deleted. */
function filtered(db: DbOrTx, options: { orgId: string; filter: DashboardFilter }) {
  const { orgId, filter } = options;
  let q = db
    .selectFrom('reputationItems as i')
    .where('i.orgId', '=', orgId)
    .where(occurredAt, '>=', `${filter.from}T00:00:00.000Z`)
    .where(occurredAt, '<', `${addDays(filter.to, 1)}T00:00:00.000Z`)
    // An item is received after it is published, so this bound changes nothing (a day of slack
    // for clocks at the source) but lets the (org_id, received_at) index skip older items.
    .where('i.receivedAt', '>=', `${addDays(filter.from, -1)}T00:00:00.000Z`)
    .where('i.deletedAt', 'is', null);
  if (filter.locationId) q = q.where('i.locationId', '=', filter.locationId);
  if (filter.providerId) q = q.where('i.providerId', '=', filter.providerId);
  if (filter.source) q = q.where('i.source', '=', filter.source);
  return q;
}

const countWhen = (condition: ReturnType<typeof sql>) =>
  sql<number>`sum(case when ${condition} then 1 else 0 end)`;

async function groupedCounts(
  db: DbOrTx,
  options: { orgId: string; dialect: DialectName; filter: DashboardFilter },
): Promise<(Counts & { period: string; locationId: string | null; providerId: string | null })[]> {
  const period = periodOf(options.dialect, occurredAt, options.filter.bucket);
  const label = (value: string) => sql`${sql.ref('i.sentimentLabel')} = ${value}`;
  const rows = await filtered(db, options)
    .select((eb) => [
      period.as('period'),
      'i.locationId',
      'i.providerId',
      eb.fn.countAll<number>().as('items'),
      eb.fn.count<number>('i.rating').as('rated'),
      eb.fn.coalesce(eb.fn.sum<number>('i.rating'), sql<number>`0`).as('ratingSum'),
      countWhen(sql`${sql.ref('i.firstResponseAt')} is not null`).as('responded'),
      countWhen(label('positive')).as('positive'),
      countWhen(label('neutral')).as('neutral'),
      countWhen(label('negative')).as('negative'),
      countWhen(label('mixed')).as('mixed'),
      countWhen(sql`${sql.ref('i.urgency')} <> 'none'`).as('urgent'),
    ])
    .groupBy([period, 'i.locationId', 'i.providerId'])
    .execute();
  return rows.map((r) => ({
    period: r.period,
    locationId: r.locationId,
    providerId: r.providerId,
    items: Number(r.items),
    rated: Number(r.rated),
    ratingSum: Number(r.ratingSum),
    responded: Number(r.responded),
    positive: Number(r.positive),
    neutral: Number(r.neutral),
    negative: Number(r.negative),
    mixed: Number(r.mixed),
    urgent: Number(r.urgent),
  }));
}

function countsOf(row: Counts): Counts {
  const out = emptyCounts();
  for (const k of COUNT_KEYS) out[k] = row[k];
  return out;
}

/**
 * Median hours to first response, per period or over the whole range ('all'), computed in the
 * database with window functions (both dialects have them) so only the middle rows come back.
 */
async function medianResponseHours(
  db: DbOrTx,
  options: { orgId: string; dialect: DialectName; filter: DashboardFilter; byPeriod: boolean },
): Promise<Map<string, number>> {
  const hours = hoursBetween(options.dialect, { from: 'i.receivedAt', to: 'i.firstResponseAt' });
  const period = options.byPeriod
    ? periodOf(options.dialect, occurredAt, options.filter.bucket)
    : sql<string>`'all'`;
  const partition = options.byPeriod ? sql`partition by ${period}` : sql``;
  const ranked = filtered(db, options)
    .where('i.firstResponseAt', 'is not', null)
    .where(sql<boolean>`${sql.ref('i.firstResponseAt')} >= ${sql.ref('i.receivedAt')}`)
    .select([
      period.as('period'),
      hours.as('hours'),
      sql<number>`row_number() over (${partition} order by ${hours})`.as('rn'),
      sql<number>`count(*) over (${partition})`.as('cnt'),
    ]);
  const rows = await db
    .selectFrom(ranked.as('r'))
    .select(['r.period', 'r.hours'])
    .where((eb) =>
      eb.or([
        eb('r.rn', '=', sql<number>`(${sql.ref('r.cnt')} + 1) / 2`),
        eb('r.rn', '=', sql<number>`(${sql.ref('r.cnt')} + 2) / 2`),
      ]),
    )
    .execute();
  const sums = new Map<string, { sum: number; n: number }>();
  for (const row of rows) {
    const cell = getOr(sums, row.period, () => ({ sum: 0, n: 0 }));
    cell.sum += Number(row.hours);
    cell.n += 1;
  }
  return new Map([...sums].map(([p, { sum, n }]) => [p, sum / n]));
}

/**
 * Topic counts from the items' own `topics` JSON (grouped by the distinct topic sets, which are
 * few), so no join is needed: one scan of the range, like the other queries.
 */
async function topicCounts(
  db: DbOrTx,
  options: { orgId: string; dialect: DialectName; filter: DashboardFilter },
): Promise<{ period: string; topic: string; items: number; negative: number }[]> {
  const period = periodOf(options.dialect, occurredAt, options.filter.bucket);
  const rows = await filtered(db, options)
    .where('i.topics', '<>', '[]')
    .select((eb) => [
      period.as('period'),
      'i.topics',
      eb.fn.countAll<number>().as('items'),
      countWhen(sql`${sql.ref('i.sentimentLabel')} = 'negative'`).as('negative'),
    ])
    .groupBy([period, 'i.topics'])
    .execute();
  const out: { period: string; topic: string; items: number; negative: number }[] = [];
  for (const row of rows) {
    for (const topic of topicIds(row.topics)) {
      out.push({
        period: row.period,
        topic,
        items: Number(row.items),
        negative: Number(row.negative),
      });
    }
  }
  return out;
}

/** The distinct topic ids of a stored JSON array; anything malformed counts as no topics. */
function topicIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return [...new Set(value.filter((t): t is string => typeof t === 'string' && t.length > 0))];
  } catch {
    return [];
  }
}

async function groupNames(
  db: DbOrTx,
  orgId: string,
): Promise<{ locations: Map<string, string>; providers: Map<string, string> }> {
  const [locations, providers] = await Promise.all([
    db.selectFrom('locations').select(['id', 'name']).where('orgId', '=', orgId).execute(),
    db
      .selectFrom('providers')
      .select(['id', 'firstName', 'lastName', 'credentials'])
      .where('orgId', '=', orgId)
      .execute(),
  ]);
  return {
    locations: new Map(locations.map((l) => [l.id, l.name])),
    providers: new Map(
      providers.map((p) => [
        p.id,
        [`${p.firstName} ${p.lastName}`.trim(), p.credentials].filter(Boolean).join(', '),
      ]),
    ),
  };
}
