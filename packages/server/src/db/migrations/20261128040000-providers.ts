import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes } from './column-types.js';

/**
 * Provider profiles and what hangs off them: licences (their own table, so the expiry reminder can
 * query them), changes waiting for the clinician's approval, PubMed publications and which provider
 * wrote them, directory listings, and the practice's public page settings. List-valued profile
 * fields (taxonomies, certifications, education …) are JSON text validated by zod on every write.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const { timestamp, json } = columnTypes(dialect);

  await db.schema
    .createTable('providers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('npi', 'text')
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('credentials', 'text', (c) => c.notNull())
    .addColumn('profile', json, (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('providers_org_slug', ['org_id', 'slug'])
    .addUniqueConstraint('providers_org_npi', ['org_id', 'npi'])
    .execute();

  await db.schema
    .createTable('provider_licences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('reminded_for', 'text')
    .execute();
  await db.schema
    .createIndex('provider_licences_expiry')
    .on('provider_licences')
    .columns(['expires_on'])
    .execute();

  await db.schema
    .createTable('provider_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('changes', json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('provider_changes_org')
    .on('provider_changes')
    .columns(['org_id', 'status'])
    .execute();

  await db.schema
    .createTable('publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('pmid', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('journal', 'text', (c) => c.notNull())
    .addColumn('year', 'text')
    .addColumn('volume', 'text')
    .addColumn('issue', 'text')
    .addColumn('pages', 'text')
    .addColumn('doi', 'text')
    .addColumn('authors', json, (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('publications_org_pmid', ['org_id', 'pmid'])
    .execute();

  await db.schema
    .createTable('provider_publications')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('provider_publications_pk', ['provider_id', 'publication_id'])
    .execute();

  await db.schema
    .createTable('provider_listings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('provider_id', 'text', (c) => c.references('providers.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('directory', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('seen_at', timestamp, (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('provider_listings_org')
    .on('provider_listings')
    .columns(['org_id'])
    .execute();

  await db.schema
    .createTable('practice_pages')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('published', 'integer', (c) => c.notNull())
    .addColumn('appointment_url', 'text')
    .addColumn('show_ratings', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('cache_version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
}
