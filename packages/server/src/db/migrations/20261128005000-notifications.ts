import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes } from './column-types.js';

/**
 * In-app notifications, one row per recipient, doubling as the outbox for their email copy: the
 * row is written in the same transaction as the change it reports, and a job sends the email
 * after commit, so a rolled-back change never mails anyone.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('email_status', 'text', (c) => c.notNull())
    .addColumn('email_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_claimed_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('read_at', timestamp)
    .execute();
  await db.schema
    .createIndex('notifications_recipient')
    .on('notifications')
    .columns(['org_id', 'user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('notifications_email_outbox')
    .on('notifications')
    .columns(['email_status', 'created_at'])
    .execute();
}
