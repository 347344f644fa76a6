import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from '../../../db/database.js';
import type { Bucket } from './periods.js';

/**
 * When an item happened, for the time axis: when it was published at the source if known (an
 * import of last year's reviews belongs to last year), else when Bedside received it.
 */
export const occurredAt: RawBuilder<string> = sql<string>`coalesce(${sql.ref('i.publishedAt')}, ${sql.ref('i.receivedAt')})`;

/**
 * Where the dashboard's SQL differs by dialect: naming a timestamp's (or a rollup day's) period, in UTC.
 */
export function periodOf(
  dialect: DialectName,
  ref: RawBuilder<string>,
  bucket: Bucket,
): RawBuilder<string> {
  if (dialect === 'postgres') {
    return sql<string>`to_char(date_trunc(${sql.lit(bucket)}, ${ref} at time zone 'UTC'), 'YYYY-MM-DD')`;
  }
  if (bucket === 'day') return sql<string>`substr(${ref}, 1, 10)`;
  if (bucket === 'month') return sql<string>`(substr(${ref}, 1, 7) || '-01')`;
  // SQLite: 'weekday 0' moves forward to Sunday (or stays), then back six days is that week's Monday.
  return sql<string>`date(substr(${ref}, 1, 10), 'weekday 0', '-6 days')`;
}

/** The period of a rollup's `day` column (text, YYYY-MM-DD), named by its first day like {@link periodOf}. */
export function periodOfDay(
  dialect: DialectName,
  ref: RawBuilder<string>,
  bucket: Bucket,
): RawBuilder<string> {
  if (dialect === 'postgres') {
    if (bucket === 'day') return ref;
    return sql<string>`to_char(date_trunc(${sql.lit(bucket)}, cast(${ref} as timestamp)), 'YYYY-MM-DD')`;
  }
  if (bucket === 'day') return ref;
  if (bucket === 'month') return sql<string>`(substr(${ref}, 1, 7) || '-01')`;
  return sql<string>`date(${ref}, 'weekday 0', '-6 days')`;
}
