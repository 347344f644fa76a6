import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes } from './column-types.js';

/**
 * Accounts waiting to be chosen after an OAuth login that opened several (Facebook Pages and
 * their Instagram accounts, LinkedIn organizations, Google Business locations). The person picks
 * one; the rest are erased. `accounts_sealed` is SecretBox output: it holds the tokens.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);
  await db.schema
    .createTable('oauth_pending_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('network', 'text', (c) => c.notNull())
    .addColumn('accounts_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('oauth_pending_accounts_org')
    .on('oauth_pending_accounts')
    .column('org_id')
    .execute();
}
