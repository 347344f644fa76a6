import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

const KEY = ['org_id', 'day', 'location_id', 'provider_id', 'source'] as const;
const DAILY_COUNTS = [
  'items',
  'rated',
  'rating_sum',
  'responded',
  'positive',
  'neutral',
  'negative',
  'mixed',
  'urgent',
] as const;
/** Response times are kept to the minute for two days, then to the hour. */
const MINUTE_BUCKETS_UNTIL = 48 * 60;

/**
 * The reputation dashboard's rollups: counts per day, location, provider and source (volume,
 * ratings, sentiment, urgency, responses), topic counts, and response times as a histogram — so a
 * year of a million items is a few thousand rows. Existing items are rolled up here, once.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  const keyed = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('location_id', 'text', (c) => c.notNull())
      .addColumn('provider_id', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull());

  let daily = keyed('reputation_rollup_daily');
  for (const column of DAILY_COUNTS)
    daily = daily.addColumn(column, big, (c) => c.notNull().defaultTo(0));
  await daily.addPrimaryKeyConstraint('reputation_rollup_daily_pk', [...KEY]).execute();

  await keyed('reputation_rollup_topics')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('items', big, (c) => c.notNull().defaultTo(0))
    .addColumn('negative', big, (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('reputation_rollup_topics_pk', [...KEY, 'topic'])
    .execute();

  await keyed('reputation_rollup_responses')
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('responses', big, (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('reputation_rollup_responses_pk', [...KEY, 'minutes'])
    .execute();

  await backfill(db);
}

/** Aliases without underscores: the same keys whether or not the handle camel-cases results. */
interface ItemFacts {
  id: string;
  org: string;
  source: string;
  loc: string | null;
  prov: string | null;
  published: unknown;
  received: unknown;
  responded: unknown;
  rating: number | null;
  sentiment: string | null;
  urgency: string;
  topics: string;
}

const iso = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : new Date(value instanceof Date ? value : String(value)).toISOString();

/** Rolls up the items already stored (page by page; the sums stay in memory, they are small). */
async function backfill(db: Kysely<unknown>): Promise<void> {
  const daily = new Map<string, Record<string, number>>();
  const topics = new Map<string, number[]>();
  const responses = new Map<string, number>();
  let after = '';
  for (;;) {
    const { rows } = await sql<ItemFacts>`select id, org_id as org, source, location_id as loc,
      provider_id as prov, published_at as published, received_at as received,
      first_response_at as responded, rating, sentiment_label as sentiment, urgency, topics
      from reputation_items where deleted_at is null and id > ${after} order by id limit 5000`.execute(
      db,
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      const received = iso(r.received)!;
      const day = (iso(r.published) ?? received).slice(0, 10);
      const key = [r.org, day, r.loc ?? '', r.prov ?? '', r.source].join('\u0000');
      const d = daily.get(key) ?? Object.fromEntries(DAILY_COUNTS.map((c) => [c, 0]));
      daily.set(key, d);
      const negative = r.sentiment === 'negative' ? 1 : 0;
      d.items! += 1;
      if (r.rating !== null) {
        d.rated! += 1;
        d.rating_sum! += Number(r.rating);
      }
      if (r.sentiment && r.sentiment in d) d[r.sentiment]! += 1;
      if (r.urgency !== 'none') d.urgent! += 1;
      const responded = iso(r.responded);
      if (responded) {
        d.responded! += 1;
        const ms = Date.parse(responded) - Date.parse(received);
        if (ms >= 0) {
          const m = Math.floor(ms / 60_000);
          const minutes = m < MINUTE_BUCKETS_UNTIL ? m : Math.floor(m / 60) * 60;
          const k = `${key}\u0000${minutes}`;
          responses.set(k, (responses.get(k) ?? 0) + 1);
        }
      }
      let list: unknown = [];
      try {
        list = JSON.parse(r.topics);
      } catch {
        list = [];
      }
      const distinct = new Set(
        Array.isArray(list) ? list.filter((t) => typeof t === 'string') : [],
      );
      for (const topic of distinct) {
        const k = `${key}\u0000${topic}`;
        const t = topics.get(k) ?? [0, 0];
        t[0]! += 1;
        t[1]! += negative;
        topics.set(k, t);
      }
    }
    after = rows.at(-1)!.id;
  }
  const split = (key: string) => {
    const [org_id, day, location_id, provider_id, source, extra] = key.split('\u0000');
    return { row: { org_id, day, location_id, provider_id, source }, extra: extra! };
  };
  const insert = async (table: string, values: Record<string, unknown>[]) => {
    for (let i = 0; i < values.length; i += 200)
      await db
        .insertInto(table as never)
        .values(values.slice(i, i + 200) as never)
        .execute();
  };
  await insert(
    'reputation_rollup_daily',
    [...daily].map(([key, counts]) => ({ ...split(key).row, ...counts })),
  );
  await insert(
    'reputation_rollup_topics',
    [...topics].map(([key, [items, negative]]) => {
      const { row, extra } = split(key);
      return { ...row, topic: extra, items, negative };
    }),
  );
  await insert(
    'reputation_rollup_responses',
    [...responses].map(([key, count]) => {
      const { row, extra } = split(key);
      return { ...row, minutes: Number(extra), responses: count };
    }),
  );
}
