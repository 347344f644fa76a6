import type { DbOrTx } from '../../db/database.js';
import type { PostStatus } from '../../db/schema.js';
import { conflict, invalid, notFound } from '../../errors.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { loadAuthorization, toRecord } from './authorization-rows.js';
import { authorizationCovers } from './covers.js';
import { inTransaction } from './transact.js';

/** Posts past approval: taking an authorization away from them would leave them uncovered. */
const committed: readonly PostStatus[] = [
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'unconfirmed',
];

interface LinkOptions {
  actor: Actor;
  orgId: string;
  authorizationId: string;
}

async function requireAuthorization(db: DbOrTx, orgId: string, id: string): Promise<void> {
  const row = await db
    .selectFrom('authorizations')
    .select('id')
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('The authorization');
}

async function requirePost(db: DbOrTx, orgId: string, id: string): Promise<PostStatus> {
  const row = await db
    .selectFrom('posts')
    .select('status')
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('The post');
  return row.status;
}

/** Records that a post depends on an authorization. Linking twice is one link. */
export async function linkPostAuthorization(
  db: DbOrTx,
  options: LinkOptions & { postId: string },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await requirePost(tx, options.orgId, options.postId);
    await requireAuthorization(tx, options.orgId, options.authorizationId);
    const inserted = await tx
      .insertInto('postAuthorizations')
      .values({
        postId: options.postId,
        authorizationId: options.authorizationId,
        orgId: options.orgId,
        linkedBy: options.actor.userId,
        createdAt: new Date().toISOString(),
      })
      .onConflict((oc) => oc.columns(['postId', 'authorizationId']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'consent.post_linked',
      target: { type: 'post', id: options.postId },
      details: { authorizationId: options.authorizationId },
    });
  });
}

/** Removes a link while the post is still being prepared; a scheduled or published post keeps it. */
export async function unlinkPostAuthorization(
  db: DbOrTx,
  options: LinkOptions & { postId: string },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const status = await requirePost(tx, options.orgId, options.postId);
    if (committed.includes(status))
      throw conflict(
        'This post is scheduled or published and depends on the authorization; unschedule it first.',
      );
    const removed = await tx
      .deleteFrom('postAuthorizations')
      .where('orgId', '=', options.orgId)
      .where('postId', '=', options.postId)
      .where('authorizationId', '=', options.authorizationId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('The link');
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'consent.post_unlinked',
      target: { type: 'post', id: options.postId },
      details: { authorizationId: options.authorizationId },
    });
  });
}

/**
 * Tags an uploaded image with the authorization it depends on. Only an authorization in effect
 * today that covers photos of the patient can carry an image (anything else would be refused at
 * scheduling anyway; saying so now puts the reason where the image is). Tagging twice is one tag.
 */
export async function tagMedia(
  db: DbOrTx,
  options: LinkOptions & { mediaId: string; now?: Date },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const media = await tx
      .selectFrom('mediaAssets')
      .select('id')
      .where('orgId', '=', options.orgId)
      .where('id', '=', options.mediaId)
      .executeTakeFirst();
    if (!media) throw notFound('The image');
    const stored = await loadAuthorization(tx, {
      orgId: options.orgId,
      id: options.authorizationId,
    });
    const now = options.now ?? new Date();
    const coverage = authorizationCovers(toRecord(stored), {
      contentTypes: ['photo'],
      networks: [],
      publishAt: now,
      now,
      timeZone: stored.row.timeZone,
    });
    if (!coverage.covered)
      throw invalid({
        authorizationId: `This authorization cannot carry an image: ${coverage.reasons.join(' ')}`,
      });
    const inserted = await tx
      .insertInto('mediaAuthorizations')
      .values({
        mediaId: options.mediaId,
        authorizationId: options.authorizationId,
        orgId: options.orgId,
        taggedBy: options.actor.userId,
        createdAt: new Date().toISOString(),
      })
      .onConflict((oc) => oc.columns(['mediaId', 'authorizationId']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'consent.media_tagged',
      target: { type: 'media', id: options.mediaId },
      details: { authorizationId: options.authorizationId },
    });
  });
}

/** Removes a media tag unless a scheduled or published post uses the image. */
export async function untagMedia(
  db: DbOrTx,
  options: LinkOptions & { mediaId: string },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const inUse = await tx
      .selectFrom('postMedia')
      .innerJoin('posts', 'posts.id', 'postMedia.postId')
      .select('posts.id')
      .where('postMedia.orgId', '=', options.orgId)
      .where('postMedia.mediaId', '=', options.mediaId)
      .where('posts.status', 'in', committed)
      .executeTakeFirst();
    if (inUse)
      throw conflict('A scheduled or published post uses this image; unschedule it first.');
    const removed = await tx
      .deleteFrom('mediaAuthorizations')
      .where('orgId', '=', options.orgId)
      .where('mediaId', '=', options.mediaId)
      .where('authorizationId', '=', options.authorizationId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('The tag');
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'consent.media_untagged',
      target: { type: 'media', id: options.mediaId },
      details: { authorizationId: options.authorizationId },
    });
  });
}

export interface MediaTag {
  authorizationId: string;
  patientName: string;
  status: 'draft' | 'sent' | 'signed' | 'revoked' | 'expired';
}

/** The authorizations an image is tagged with (for the composer), oldest tag first. */
export async function listMediaTags(
  db: DbOrTx,
  options: { orgId: string; mediaId: string },
): Promise<MediaTag[]> {
  const media = await db
    .selectFrom('mediaAssets')
    .select('id')
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.mediaId)
    .executeTakeFirst();
  if (!media) throw notFound('The image');
  return db
    .selectFrom('mediaAuthorizations')
    .innerJoin('authorizations', 'authorizations.id', 'mediaAuthorizations.authorizationId')
    .select([
      'mediaAuthorizations.authorizationId',
      'authorizations.patientName',
      'authorizations.status',
    ])
    .where('mediaAuthorizations.orgId', '=', options.orgId)
    .where('mediaAuthorizations.mediaId', '=', options.mediaId)
    .orderBy('mediaAuthorizations.createdAt')
    .orderBy('mediaAuthorizations.authorizationId')
    .execute();
}
