import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes, makeAppendOnly } from './column-types.js';

/**
 * Patient authorizations (45 CFR 164.508): the record with every element, its channels and kinds
 * of content, the organization's versioned form templates, signing links (token hashed), the
 * signature, the stored documents (signed PDF or paper scan, with a SHA-256 fingerprint), the posts
 * and media that depend on an authorization, and the takedown checklist a revocation leaves behind.
 *
 * Nothing here is ever deleted (164.530(j): six years): templates, signatures and documents are
 * append-only by trigger; authorizations only change status.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const { timestamp, json } = columnTypes(dialect);
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';

  await db.schema
    .createTable('authorization_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('sections', json, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('authorization_templates_version', ['org_id', 'version'])
    .execute();
  await makeAppendOnly(db, dialect, 'authorization_templates');

  await db.schema
    .createTable('authorizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('patient_name', 'text', (c) => c.notNull())
    .addColumn('contact_kind', 'text', (c) => c.notNull())
    .addColumn('contact_value', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('information_description', 'text', (c) => c.notNull())
    .addColumn('practice_name', 'text', (c) => c.notNull())
    .addColumn('discloser_persons', json, (c) => c.notNull())
    .addColumn('recipients_description', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('purpose_at_request', 'integer', (c) => c.notNull())
    .addColumn('expiry_kind', 'text', (c) => c.notNull())
    .addColumn('expiry_date', 'text')
    .addColumn('expiry_event', 'text')
    .addColumn('statements', json, (c) => c.notNull())
    .addColumn('remuneration_payer', 'text')
    .addColumn('remuneration_statement', 'text', (c) => c.notNull())
    .addColumn('combined_with_other_document', 'integer', (c) => c.notNull())
    .addColumn('treatment_conditioned', 'integer', (c) => c.notNull())
    .addColumn('known_false_information', 'integer', (c) => c.notNull())
    .addColumn('template_id', 'text')
    .addColumn('form_text', 'text', (c) => c.notNull())
    .addColumn('revocation_token_hash', 'text', (c) => c.unique())
    .addColumn('revoked_at', timestamp)
    .addColumn('revocation_source', 'text')
    .addColumn('expires_at', timestamp)
    .addColumn('retain_until', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('authorizations_org_status')
    .on('authorizations')
    .columns(['org_id', 'status', 'expiry_date'])
    .execute();

  await db.schema
    .createTable('authorization_channels')
    .addColumn('authorization_id', 'text', (c) => c.notNull().references('authorizations.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('authorization_channels_pk', ['authorization_id', 'channel'])
    .execute();
  await db.schema
    .createTable('authorization_content_types')
    .addColumn('authorization_id', 'text', (c) => c.notNull().references('authorizations.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('authorization_content_types_pk', ['authorization_id', 'content_type'])
    .execute();

  await db.schema
    .createTable('signing_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('authorization_id', 'text', (c) => c.notNull().references('authorizations.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .addColumn('used_at', timestamp)
    .addColumn('canceled_at', timestamp)
    .execute();
  await db.schema
    .createIndex('signing_requests_authorization')
    .on('signing_requests')
    .column('authorization_id')
    .execute();

  await db.schema
    .createTable('signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('authorization_id', 'text', (c) =>
      c.notNull().unique().references('authorizations.id'),
    )
    .addColumn('signed_name', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('signer_kind', 'text', (c) => c.notNull())
    .addColumn('representative_authority', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('image_png', blob)
    .addColumn('signing_request_id', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await makeAppendOnly(db, dialect, 'signatures');

  await db.schema
    .createTable('authorization_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('authorization_id', 'text', (c) => c.notNull().references('authorizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', blob, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('authorization_documents_authorization')
    .on('authorization_documents')
    .column('authorization_id')
    .execute();
  await makeAppendOnly(db, dialect, 'authorization_documents');

  await db.schema
    .createTable('post_authorizations')
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('authorization_id', 'text', (c) => c.notNull().references('authorizations.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('linked_by', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('post_authorizations_pk', ['post_id', 'authorization_id'])
    .execute();
  await db.schema
    .createIndex('post_authorizations_authorization')
    .on('post_authorizations')
    .column('authorization_id')
    .execute();

  await db.schema
    .createTable('media_authorizations')
    .addColumn('media_id', 'text', (c) => c.notNull())
    .addColumn('authorization_id', 'text', (c) => c.notNull().references('authorizations.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('tagged_by', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('media_authorizations_pk', ['media_id', 'authorization_id'])
    .execute();
  await db.schema
    .createIndex('media_authorizations_authorization')
    .on('media_authorizations')
    .column('authorization_id')
    .execute();

  await db.schema
    .createTable('takedown_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('authorization_id', 'text', (c) => c.notNull().references('authorizations.id'))
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull().unique())
    .addColumn('network', 'text')
    .addColumn('remote_url', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('resolved_at', timestamp)
    .addColumn('resolved_by', 'text')
    .execute();
  await db.schema
    .createIndex('takedown_items_org')
    .on('takedown_items')
    .columns(['org_id', 'status'])
    .execute();
}
