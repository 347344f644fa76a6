import { sql, type Kysely } from 'kysely';

/**
 * The inbox's most used pair of filters, a topic with a sentiment ("negative about billing"),
 * gets its own index: the topic rows carry the item's sentiment. Without it a rare pair walks
 * every item of the topic (at a million items, seconds).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('reputation_item_topics')
    .addColumn('sentiment_label', 'text')
    .execute();
  await sql`update reputation_item_topics set sentiment_label = (select i.sentiment_label
    from reputation_items i where i.id = reputation_item_topics.item_id)`.execute(db);
  await db.schema
    .createIndex('reputation_item_topics_sentiment')
    .on('reputation_item_topics')
    .columns(['org_id', 'topic', 'sentiment_label', 'received_at'])
    .execute();
}
