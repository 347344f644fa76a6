import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from '../../../db/database.js';
import type { Bucket } from './periods.js';

/**
 * When an item happened, for the time axis: when it was published at the source if known (an
 * import of last year's reviews belongs to last year), else when Bedside received it.
 */
export const occurredAt: RawBuilder<string> = sql<string>`coalesce(${sql.ref('i.publishedAt')}, ${sql.ref('i.receivedAt')})`;

/**
 * The two places the dashboard's SQL differs by dialect: naming a timestamp's period, and the
 * hours between two timestamps. Both are UTC.
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

export function hoursBetween(
  dialect: DialectName,
  columns: { from: string; to: string },
): RawBuilder<number> {
  const from = sql.ref(columns.from);
  const to = sql.ref(columns.to);
  if (dialect === 'postgres') {
    return sql<number>`cast(extract(epoch from (${to} - ${from})) / 3600.0 as double precision)`;
  }
  return sql<number>`((julianday(${to}) - julianday(${from})) * 24.0)`;
}
