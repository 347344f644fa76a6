import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes } from './column-types.js';

/**
 * A variant whose channel was taken off a post after dispatch made targets for it (since canceled)
 * cannot be deleted — the targets keep their history — so it is marked removed instead.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);
  await db.schema.alterTable('post_variants').addColumn('removed_at', timestamp).execute();
}
