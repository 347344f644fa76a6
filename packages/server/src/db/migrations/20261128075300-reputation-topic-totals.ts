import { sql, type Kysely } from 'kysely';

/**
 * Topic rollups get a row per organization, day and topic for the whole organization (location,
 * provider and source '*'): the unfiltered dashboard reads those instead of every location ×
 * provider × source slice — a year is ~3,000 rows instead of tens of thousands.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`insert into reputation_rollup_topics
      (org_id, day, location_id, provider_id, source, topic, items, negative)
    select org_id, day, '*', '*', '*', topic, sum(items), sum(negative)
    from reputation_rollup_topics where location_id <> '*'
    group by org_id, day, topic`.execute(db);
  // Totals (location '*') and one location's slices are each one range of this index.
  await db.schema
    .createIndex('reputation_rollup_topics_location')
    .on('reputation_rollup_topics')
    .columns(['org_id', 'location_id', 'day'])
    .execute();
}
