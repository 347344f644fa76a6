import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes } from './column-types.js';

/**
 * Reputation: where reviews, comments and mentions come from (sources, with a cursor and backoff
 * each), the items themselves (unique by organization, source and the source's id), their earlier
 * versions, topics (a row per topic so the inbox filter uses an index), notes, replies, imports,
 * alert preferences, outbound webhooks and alert deliveries (each delivered once).
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const { timestamp, json } = columnTypes(dialect);
  const real = dialect === 'postgres' ? 'double precision' : 'real';

  await db.schema
    .createTable('reputation_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('require_reply_approval', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sla_negative_hours', 'integer', (c) => c.notNull().defaultTo(24))
    .addColumn('sla_other_hours', 'integer')
    .addColumn('digest_hour_utc', 'integer', (c) => c.notNull().defaultTo(13))
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('reputation_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('channel_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('config_sealed', 'text')
    .addColumn('cursor', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error_kind', 'text')
    .addColumn('last_error_message', 'text')
    .addColumn('last_polled_at', timestamp)
    .addColumn('last_success_at', timestamp)
    .addColumn('next_poll_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reputation_sources_org')
    .on('reputation_sources')
    .columns(['org_id', 'source'])
    .execute();
  await db.schema
    .createIndex('reputation_sources_due')
    .on('reputation_sources')
    .columns(['enabled', 'next_poll_at'])
    .execute();

  await db.schema
    .createTable('reputation_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('source_ref_id', 'text', (c) => c.references('reputation_sources.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_external_id', 'text')
    .addColumn('thread_external_id', 'text')
    .addColumn('url', 'text')
    .addColumn('author_name', 'text')
    .addColumn('author_handle', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer')
    .addColumn('location_id', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('published_at', timestamp)
    .addColumn('received_at', timestamp, (c) => c.notNull())
    .addColumn('edited_at', timestamp)
    .addColumn('deleted_at', timestamp)
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sentiment_score', real)
    .addColumn('sentiment_label', 'text')
    .addColumn('topics', json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('urgency', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('urgency_reasons', json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('phi_flag', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('phi_findings', json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('assignee_id', 'text')
    .addColumn('sla_due_at', timestamp)
    .addColumn('first_response_at', timestamp)
    .addColumn('replied_at', timestamp)
    .addColumn('closed_at', timestamp)
    .addColumn('reply_posted_by_hand', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('import_id', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('reputation_items_identity', ['org_id', 'source', 'external_id'])
    .execute();
  const itemIndexes: Record<string, string[]> = {
    reputation_items_received: ['org_id', 'received_at'],
    reputation_items_status: ['org_id', 'status', 'received_at'],
    reputation_items_location: ['org_id', 'location_id', 'received_at'],
    reputation_items_provider: ['org_id', 'provider_id', 'received_at'],
    reputation_items_source: ['org_id', 'source', 'received_at'],
    reputation_items_rating: ['org_id', 'rating', 'received_at'],
    reputation_items_sentiment: ['org_id', 'sentiment_label', 'received_at'],
    reputation_items_urgency: ['org_id', 'urgency', 'received_at'],
    reputation_items_assignee: ['org_id', 'assignee_id', 'received_at'],
    reputation_items_sla: ['org_id', 'sla_due_at'],
    reputation_items_thread: ['org_id', 'source', 'thread_external_id'],
  };
  for (const [name, columns] of Object.entries(itemIndexes))
    await db.schema.createIndex(name).on('reputation_items').columns(columns).execute();

  await db.schema
    .createTable('reputation_item_topics')
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('received_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('reputation_item_topics_pk', ['item_id', 'topic'])
    .execute();
  await db.schema
    .createIndex('reputation_item_topics_filter')
    .on('reputation_item_topics')
    .columns(['org_id', 'topic', 'received_at'])
    .execute();

  await db.schema
    .createTable('reputation_item_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer')
    .addColumn('replaced_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reputation_item_versions_item')
    .on('reputation_item_versions')
    .columns(['org_id', 'item_id', 'version'])
    .execute();

  await db.schema
    .createTable('reputation_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reputation_notes_item')
    .on('reputation_notes')
    .columns(['org_id', 'item_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('reputation_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('guard_verdict', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', timestamp)
    .addColumn('sent_at', timestamp)
    .addColumn('remote_id', 'text')
    .addColumn('remote_url', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('last_error', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reputation_replies_item')
    .on('reputation_replies')
    .columns(['org_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('reputation_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('mapping', json, (c) => c.notNull())
    .addColumn('rows_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('problems', json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('finished_at', timestamp)
    .execute();
  await db.schema
    .createIndex('reputation_imports_org')
    .on('reputation_imports')
    .columns(['org_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('reputation_alert_preferences')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('email', 'integer', (c) => c.notNull())
    .addColumn('in_app', 'integer', (c) => c.notNull())
    .addColumn('digest', 'integer', (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('reputation_alert_preferences_pk', ['org_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('reputation_webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_status', 'text')
    .addColumn('last_delivery_at', timestamp)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reputation_webhooks_org')
    .on('reputation_webhooks')
    .column('org_id')
    .execute();

  await db.schema
    .createTable('reputation_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('sent_at', timestamp)
    .addUniqueConstraint('reputation_alerts_once', ['item_id', 'channel', 'target'])
    .execute();
  await db.schema
    .createIndex('reputation_alerts_pending')
    .on('reputation_alerts')
    .columns(['status', 'created_at'])
    .execute();
}
