import type { Kysely } from 'kysely';

/** What the last take from a per-app cap's window granted: the one-statement take returns it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('dispatch_rate_limits')
    .addColumn('window_granted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
