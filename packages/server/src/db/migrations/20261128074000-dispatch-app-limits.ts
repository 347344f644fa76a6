import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes } from './column-types.js';

/**
 * Fixed per-app request caps (X: 10,000 posts a day per app, say) counted across every worker:
 * a `cap:<network>[:<host>]` row in `dispatch_rate_limits` holds the current window's start and
 * how many requests it has granted (its `blocked_until` stays in the past).
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);
  await db.schema.alterTable('dispatch_rate_limits').addColumn('window_start', timestamp).execute();
  await db.schema
    .alterTable('dispatch_rate_limits')
    .addColumn('window_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
