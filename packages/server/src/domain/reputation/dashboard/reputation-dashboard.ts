import { sql } from 'kysely';
import type { DbOrTx, DialectName } from '../../../db/database.js';
import { occurredAt, periodOf, periodOfDay } from './dashboard-sql.js';
import { ALL_SLICES, responseBucketMinutes, topicIds } from './rollups.js';
import type {
  DashboardFilter,
  GroupTrend,
  ItemStats,
  PeriodStats,
  ReputationDashboard,
  TopicTrend,
} from './dashboard-types.js';
import { addDays, periodsBetween } from './periods.js';

/** What the dashboard is assembled from, whichever way it was counted. */
interface DashboardData {
  groups: (Counts & { period: string; locationId: string | null; providerId: string | null })[];
  /** Responded items per period by response-time bucket (minutes; see responseBucketMinutes). */
  responses: { period: string; minutes: number; count: number }[];
  topics: { period: string; topic: string; items: number; negative: number }[];
}

/**
 * The reputation dashboard: volume and average rating over time (overall, per location, per
 * provider), response rate and median response time, sentiment and topic trends — aggregates
 * only, never an item's text or author. Deleted items are left out. Items are placed in time by
 * when they were published at the source, else when received; response time counts from receipt
 * (to the minute for two days, then to the hour). Periods are UTC.
 *
 * Read from the daily rollups (see rollups.ts), so a year of a million items costs a few thousand
 * rows; {@link reputationDashboardDirect} counts the items themselves and is what the rollups are
 * tested against.
 */
export async function reputationDashboard(
  db: DbOrTx,
  options: { orgId: string; dialect: DialectName; filter: DashboardFilter },
): Promise<ReputationDashboard> {
  const [data, names] = await Promise.all([rollupData(db, options), groupNames(db, options.orgId)]);
  return assemble(options.filter, data, names);
}

/** The same dashboard counted from the items (the reference for the rollups; slow at scale). */
export async function reputationDashboardDirect(
  db: DbOrTx,
  options: { orgId: string; dialect: DialectName; filter: DashboardFilter },
): Promise<ReputationDashboard> {
  const [groups, responses, topics, names] = await Promise.all([
    groupedCounts(db, options),
    responseTimes(db, options),
    topicCounts(db, options),
    groupNames(db, options.orgId),
  ]);
  return assemble(options.filter, { groups, responses, topics }, names);
}

function assemble(
  filter: DashboardFilter,
  data: DashboardData,
  names: { locations: Map<string, string>; providers: Map<string, string> },
): ReputationDashboard {
  const periods = periodsBetween(filter.from, filter.to, filter.bucket);
  const { groups, topics } = data;
  const medians = medianByPeriod(data.responses);
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
    ...statsOf(byPeriod.get(period) ?? NO_COUNTS, medians.get(period) ?? null),
  }));
  return {
    filter: { from: filter.from, to: filter.to, bucket: filter.bucket },
    periods,
    totals: statsOf(total, medians.get(ALL) ?? null),
    series,
    locations: trends(byLocation, { periods, names: names.locations, none: 'No location' }),
    providers: trends(byProvider, { periods, names: names.providers, none: 'No provider' }),
    topics: topicTrends(topics, periods),
  };
}

const ALL = '*all*';

/** Median response hours per period and over all of them ({@link ALL}), from bucket counts. */
function medianByPeriod(rows: DashboardData['responses']): Map<string, number> {
  const byPeriod = new Map<string, Map<number, number>>();
  for (const row of rows) {
    for (const period of [row.period, ALL]) {
      const histogram = getOr(byPeriod, period, () => new Map<number, number>());
      histogram.set(row.minutes, (histogram.get(row.minutes) ?? 0) + row.count);
    }
  }
  const out = new Map<string, number>();
  for (const [period, histogram] of byPeriod) {
    const sorted = [...histogram].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
    const n = sorted.reduce((sum, [, count]) => sum + count, 0);
    if (n === 0) continue;
    // The middle one (odd n) or the mean of the middle two (even n), by rank.
    const ranks = n % 2 === 1 ? [(n + 1) / 2] : [n / 2, n / 2 + 1];
    const values = ranks.map((rank) => {
      let seen = 0;
      for (const [minutes, count] of sorted) {
        seen += count;
        if (seen >= rank) return minutes;
      }
      return sorted.at(-1)![0];
    });
    out.set(period, values.reduce((a, b) => a + b, 0) / values.length / 60);
  }
  return out;
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

// Literal shapes, not built from COUNT_KEYS: a day bucket over a year makes thousands of these,
// and objects of one fixed shape stay fast where dictionary-like ones did not.
function emptyCounts(): Counts {
  return {
    items: 0,
    rated: 0,
    ratingSum: 0,
    responded: 0,
    positive: 0,
    neutral: 0,
    negative: 0,
    mixed: 0,
    urgent: 0,
  };
}

/** The counts of a period without items (read only). */
const NO_COUNTS: Readonly<Counts> = Object.freeze(emptyCounts());

function add(into: Counts, c: Counts): void {
  into.items += c.items;
  into.rated += c.rated;
  into.ratingSum += c.ratingSum;
  into.responded += c.responded;
  into.positive += c.positive;
  into.neutral += c.neutral;
  into.negative += c.negative;
  into.mixed += c.mixed;
  into.urgent += c.urgent;
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
        const s = statsOf(perPeriod.get(period) ?? NO_COUNTS, null);
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
  add(out, row);
  return out;
}

const orNull = (value: string): string | null => (value === '' ? null : value);

/** The dashboard's counts from the rollups: grouped in the database by period, location, provider. */
async function rollupData(
  db: DbOrTx,
  options: { orgId: string; dialect: DialectName; filter: DashboardFilter },
): Promise<DashboardData> {
  const { filter, dialect } = options;
  const period = periodOfDay(dialect, sql<string>`${sql.ref('r.day')}`, filter.bucket);
  // One condition for the three tables (same key columns), so each query is typed by its table.
  const conditions = [
    sql`${sql.ref('r.orgId')} = ${options.orgId}`,
    sql`${sql.ref('r.day')} >= ${filter.from}`,
    sql`${sql.ref('r.day')} <= ${filter.to}`,
  ];
  if (filter.locationId) conditions.push(sql`${sql.ref('r.locationId')} = ${filter.locationId}`);
  if (filter.providerId) conditions.push(sql`${sql.ref('r.providerId')} = ${filter.providerId}`);
  if (filter.source) conditions.push(sql`${sql.ref('r.source')} = ${filter.source}`);
  const scope = sql<boolean>`${sql.join(conditions, sql` and `)}`;
  // Topics: the organization's daily totals when nothing narrows the view, else the slices.
  const filteredView = Boolean(filter.locationId || filter.providerId || filter.source);
  const topicScope = sql<boolean>`${scope} and ${sql.ref('r.locationId')} ${
    filteredView ? sql`<>` : sql`=`
  } ${ALL_SLICES}`;
  const sum = (column: string) => sql<number>`sum(${sql.ref(`r.${column}`)})`;
  const [groups, topics, responses] = await Promise.all([
    db
      .selectFrom('reputationRollupDaily as r')
      .where(scope)
      .select([
        period.as('period'),
        'r.locationId',
        'r.providerId',
        ...COUNT_KEYS.map((k) => sum(k).as(k)),
      ])
      .groupBy([period, 'r.locationId', 'r.providerId'])
      .having(sum('items'), '<>', 0)
      .execute(),
    db
      .selectFrom('reputationRollupTopics as r')
      .where(topicScope)
      .select([
        period.as('period'),
        'r.topic',
        sum('items').as('items'),
        sum('negative').as('negative'),
      ])
      .groupBy([period, 'r.topic'])
      .having(sum('items'), '<>', 0)
      .execute(),
    db
      .selectFrom('reputationRollupResponses as r')
      .where(scope)
      .select([period.as('period'), 'r.minutes', sum('responses').as('count')])
      .groupBy([period, 'r.minutes'])
      .having(sum('responses'), '<>', 0)
      .execute(),
  ]);
  return {
    groups: groups.map((row) => {
      const r = row as unknown as Record<string, unknown>;
      const counts = emptyCounts();
      for (const k of COUNT_KEYS) counts[k] = Number(r[k]);
      return {
        ...counts,
        period: row.period,
        locationId: orNull(row.locationId),
        providerId: orNull(row.providerId),
      };
    }),
    topics: topics.map((r) => ({
      period: r.period,
      topic: r.topic,
      items: Number(r.items),
      negative: Number(r.negative),
    })),
    responses: responses.map((r) => ({
      period: r.period,
      minutes: Number(r.minutes),
      count: Number(r.count),
    })),
  };
}

/** Responded items' response-time buckets per period, counted from the items. */
async function responseTimes(
  db: DbOrTx,
  options: { orgId: string; dialect: DialectName; filter: DashboardFilter },
): Promise<DashboardData['responses']> {
  const period = periodOf(options.dialect, occurredAt, options.filter.bucket);
  const rows = await filtered(db, options)
    .where('i.firstResponseAt', 'is not', null)
    .select([period.as('period'), 'i.receivedAt', 'i.firstResponseAt'])
    .execute();
  const counts = new Map<string, { period: string; minutes: number; count: number }>();
  for (const row of rows) {
    const minutes = responseBucketMinutes(row.receivedAt, row.firstResponseAt!);
    if (minutes === null) continue;
    const cell = getOr(counts, `${row.period}|${minutes}`, () => ({
      period: row.period,
      minutes,
      count: 0,
    }));
    cell.count += 1;
  }
  return [...counts.values()];
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
