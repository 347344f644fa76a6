import type { DbOrTx } from '../../../db/database.js';
import type { ReputationItemRow } from '../../../db/reputation-schema.js';

/**
 * The dashboard's rollups, kept in step with the items: every operation that stores, edits,
 * deletes or answers an item passes what the item contributed before and after to
 * {@link applyRollupChanges}, in its own transaction. The dashboard then reads a few thousand
 * rollup rows for a year instead of a million items.
 */

/** What an item contributes to the rollups; null when it contributes nothing (deleted). */
export interface RollupFacts {
  day: string;
  locationId: string;
  providerId: string;
  source: string;
  rating: number | null;
  sentimentLabel: string | null;
  urgency: string;
  topics: readonly string[];
  responded: boolean;
  /** Response-time bucket in minutes (see {@link responseBucketMinutes}); null if not answered. */
  responseMinutes: number | null;
}

export type FactColumns = Pick<
  ReputationItemRow,
  | 'source'
  | 'locationId'
  | 'providerId'
  | 'publishedAt'
  | 'receivedAt'
  | 'firstResponseAt'
  | 'deletedAt'
  | 'rating'
  | 'sentimentLabel'
  | 'urgency'
  | 'topics'
>;

/** The item columns the rollups read (select them before changing an item). */
export const FACT_COLUMNS = [
  'source',
  'locationId',
  'providerId',
  'publishedAt',
  'receivedAt',
  'firstResponseAt',
  'deletedAt',
  'rating',
  'sentimentLabel',
  'urgency',
  'topics',
] as const;

/** Response times are kept to the minute for two days, then to the hour (a bounded histogram). */
const MINUTE_BUCKETS_UNTIL = 48 * 60;

/** The bucket of a response time: whole minutes under two days, whole hours (in minutes) beyond. */
export function responseBucketMinutes(receivedAt: string, respondedAt: string): number | null {
  const ms = Date.parse(respondedAt) - Date.parse(receivedAt);
  if (Number.isNaN(ms) || ms < 0) return null;
  const minutes = Math.floor(ms / 60_000);
  return minutes < MINUTE_BUCKETS_UNTIL ? minutes : Math.floor(minutes / 60) * 60;
}

/** The UTC day an item belongs to on the time axis: published at the source, else received. */
export function occurredDay(item: { publishedAt: string | null; receivedAt: string }): string {
  return new Date(item.publishedAt ?? item.receivedAt).toISOString().slice(0, 10);
}

/** The distinct topic ids of a stored JSON array; anything malformed counts as no topics. */
export function topicIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return [...new Set(value.filter((t): t is string => typeof t === 'string' && t.length > 0))];
  } catch {
    return [];
  }
}

export function rollupFacts(item: FactColumns): RollupFacts | null {
  if (item.deletedAt) return null;
  return {
    day: occurredDay(item),
    locationId: item.locationId ?? '',
    providerId: item.providerId ?? '',
    source: item.source,
    rating: item.rating,
    sentimentLabel: item.sentimentLabel,
    urgency: item.urgency,
    topics: topicIds(item.topics),
    responded: item.firstResponseAt !== null,
    responseMinutes:
      item.firstResponseAt === null
        ? null
        : responseBucketMinutes(item.receivedAt, item.firstResponseAt),
  };
}

const DAILY = [
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
type DailyCounts = Record<(typeof DAILY)[number], number>;

/**
 * Location, provider and source of the topic rows that total a day for the whole organization
 * (migration 20261128075300): a year unfiltered reads ~3,000 of them instead of every slice.
 */
export const ALL_SLICES = '*';

/** Deltas for one transaction, summed per rollup row before anything is written. */
export class RollupDelta {
  readonly daily = new Map<string, DailyCounts>();
  readonly topics = new Map<string, { items: number; negative: number }>();
  readonly responses = new Map<string, number>();

  /** Adds (sign 1) or removes (sign -1) an item's contribution. */
  add(facts: RollupFacts | null, sign: 1 | -1): void {
    if (!facts) return;
    const key = [facts.day, facts.locationId, facts.providerId, facts.source].join('\u0000');
    let d = this.daily.get(key);
    if (!d) {
      d = Object.fromEntries(DAILY.map((c) => [c, 0])) as DailyCounts;
      this.daily.set(key, d);
    }
    d.items += sign;
    if (facts.rating !== null) {
      d.rated += sign;
      d.ratingSum += sign * facts.rating;
    }
    if (facts.responded) d.responded += sign;
    const label = facts.sentimentLabel;
    if (label === 'positive' || label === 'neutral' || label === 'negative' || label === 'mixed')
      d[label] += sign;
    if (facts.urgency !== 'none') d.urgent += sign;
    const negative = label === 'negative' ? sign : 0;
    // Each topic counts in its own slice and in the organization's total for the day
    // ({@link ALL_SLICES}), which the unfiltered dashboard reads instead of every slice.
    const total = [facts.day, ALL_SLICES, ALL_SLICES, ALL_SLICES].join('\u0000');
    for (const topic of facts.topics) {
      for (const k of [`${key}\u0000${topic}`, `${total}\u0000${topic}`]) {
        const t = this.topics.get(k) ?? { items: 0, negative: 0 };
        t.items += sign;
        t.negative += negative;
        this.topics.set(k, t);
      }
    }
    if (facts.responseMinutes !== null) {
      const k = `${key}\u0000${facts.responseMinutes}`;
      this.responses.set(k, (this.responses.get(k) ?? 0) + sign);
    }
  }

  /** An item changed from `before` to `after` (either null: created, deleted). */
  change(before: RollupFacts | null, after: RollupFacts | null): void {
    this.add(before, -1);
    this.add(after, 1);
  }
}

function splitKey(orgId: string, key: string) {
  const [day, locationId, providerId, source, extra] = key.split('\u0000') as [
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  return { row: { orgId, day, locationId, providerId, source }, extra: extra ?? '' };
}

/** Rows per statement: well under both dialects' bound-parameter limits. */
const CHUNK = 200;

/**
 * Writes the deltas as upserts that add to the stored counts. Keys are sorted, so two
 * transactions touching the same rows lock them in the same order (no deadlock on PostgreSQL).
 */
export async function applyRollupDelta(
  tx: DbOrTx,
  orgId: string,
  delta: RollupDelta,
): Promise<void> {
  const sorted = <V>(map: Map<string, V>) =>
    [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const daily = sorted(delta.daily)
    .filter(([, d]) => DAILY.some((c) => d[c] !== 0))
    .map(([key, d]) => ({ ...splitKey(orgId, key).row, ...d }));
  for (let i = 0; i < daily.length; i += CHUNK)
    await tx
      .insertInto('reputationRollupDaily')
      .values(daily.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['orgId', 'day', 'locationId', 'providerId', 'source'])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              DAILY.map((c) => [
                c,
                eb(eb.ref(`reputationRollupDaily.${c}`), '+', eb.ref(`excluded.${c}`)),
              ]),
            ),
          ),
      )
      .execute();
  const topics = sorted(delta.topics)
    .filter(([, t]) => t.items !== 0 || t.negative !== 0)
    .map(([key, t]) => {
      const { row, extra } = splitKey(orgId, key);
      return { ...row, topic: extra, ...t };
    });
  for (let i = 0; i < topics.length; i += CHUNK)
    await tx
      .insertInto('reputationRollupTopics')
      .values(topics.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['orgId', 'day', 'locationId', 'providerId', 'source', 'topic'])
          .doUpdateSet((eb) => ({
            items: eb(eb.ref('reputationRollupTopics.items'), '+', eb.ref('excluded.items')),
            negative: eb(
              eb.ref('reputationRollupTopics.negative'),
              '+',
              eb.ref('excluded.negative'),
            ),
          })),
      )
      .execute();
  const responses = sorted(delta.responses)
    .filter(([, n]) => n !== 0)
    .map(([key, n]) => {
      const { row, extra } = splitKey(orgId, key);
      return { ...row, minutes: Number(extra), responses: n };
    });
  for (let i = 0; i < responses.length; i += CHUNK)
    await tx
      .insertInto('reputationRollupResponses')
      .values(responses.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['orgId', 'day', 'locationId', 'providerId', 'source', 'minutes'])
          .doUpdateSet((eb) => ({
            responses: eb(
              eb.ref('reputationRollupResponses.responses'),
              '+',
              eb.ref('excluded.responses'),
            ),
          })),
      )
      .execute();
}

/** One item changed inside `tx`: its rollup rows follow. */
export async function rollupItemChange(
  tx: DbOrTx,
  change: { orgId: string; before: FactColumns | null; after: FactColumns | null },
): Promise<void> {
  const delta = new RollupDelta();
  delta.change(
    change.before && rollupFacts(change.before),
    change.after && rollupFacts(change.after),
  );
  await applyRollupDelta(tx, change.orgId, delta);
}

/**
 * Recomputes an organization's rollups from its items (a repair; tests use it for items written
 * without the operations). Items are read in pages by id.
 */
export async function rebuildRollups(tx: DbOrTx, orgId: string): Promise<void> {
  for (const table of [
    'reputationRollupDaily',
    'reputationRollupTopics',
    'reputationRollupResponses',
  ] as const)
    await tx.deleteFrom(table).where('orgId', '=', orgId).execute();
  const delta = new RollupDelta();
  let after = '';
  for (;;) {
    const rows = await tx
      .selectFrom('reputationItems')
      .select(['id', ...FACT_COLUMNS])
      .where('orgId', '=', orgId)
      .where('id', '>', after)
      .where('deletedAt', 'is', null)
      .orderBy('id')
      .limit(5_000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) delta.add(rollupFacts(row), 1);
    after = rows.at(-1)!.id;
  }
  await applyRollupDelta(tx, orgId, delta);
}
