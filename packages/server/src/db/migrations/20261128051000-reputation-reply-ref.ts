import type { Kysely } from 'kysely';

/** What answering an item needs from its network (Bluesky: the post's and its root's uri and cid). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('reputation_items').addColumn('reply_ref', 'text').execute();
}
