import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes } from './column-types.js';

/**
 * Scheduling and dispatch: one `post_targets` row per post variant (channel) and occurrence,
 * claimed by exactly one worker through its lease; weekly queue slots per channel; recurrence
 * rules (expanded into targets when scheduled); and rate-limit blocks shared by every worker.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);

  await db.schema
    .createTable('recurrence_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('interval', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('local_start', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('recurrence_rules_post')
    .on('recurrence_rules')
    .columns(['org_id', 'post_id'])
    .execute();

  await db.schema
    .createTable('post_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('variant_id', 'text', (c) => c.notNull().references('post_variants.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
    .addColumn('network', 'text', (c) => c.notNull())
    .addColumn('occurrence', 'integer', (c) => c.notNull())
    .addColumn('recurrence_id', 'text')
    .addColumn('due_at', timestamp, (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', timestamp, (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', timestamp)
    .addColumn('claimed_at', timestamp)
    .addColumn('publish_started_at', timestamp)
    .addColumn('remote_id', 'text')
    .addColumn('remote_url', 'text')
    .addColumn('published_at', timestamp)
    .addColumn('last_error_kind', 'text')
    .addColumn('last_error_message', 'text')
    .addColumn('last_error_fix', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  // One live target per variant and occurrence; canceled ones stay as history beside their successor.
  await db.schema
    .createIndex('post_targets_variant_occurrence')
    .on('post_targets')
    .columns(['variant_id', 'occurrence'])
    .unique()
    .where(sql.ref('status'), '<>', 'canceled')
    .execute();
  await db.schema
    .createIndex('post_targets_due')
    .on('post_targets')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('post_targets_post')
    .on('post_targets')
    .columns(['org_id', 'post_id'])
    .execute();
  await db.schema
    .createIndex('post_targets_calendar')
    .on('post_targets')
    .columns(['org_id', 'due_at'])
    .execute();
  await db.schema
    .createIndex('post_targets_channel')
    .on('post_targets')
    .columns(['channel_id', 'status'])
    .execute();

  await db.schema
    .createTable('queue_slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('local_time', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('queue_slots_unique', ['channel_id', 'weekday', 'local_time'])
    .execute();

  await db.schema
    .createTable('dispatch_rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('blocked_until', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
}
