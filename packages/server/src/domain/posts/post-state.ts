import type { Updateable } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { PostRow, PostStatus, PostTable } from '../../db/schema.js';
import { conflict, notFound } from '../../errors.js';

/** Statuses an author can still change; later ones belong to dispatch and are read-only here. */
export const EDITABLE: readonly PostStatus[] = ['draft', 'in_review', 'approved', 'scheduled'];

export const statusLabel = (status: PostStatus): string => status.replace(/_/g, ' ');

export async function loadPostRow(
  db: DbOrTx,
  options: { orgId: string; postId: string },
): Promise<PostRow> {
  const row = await db
    .selectFrom('posts')
    .selectAll()
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.postId)
    .executeTakeFirst();
  if (!row) throw notFound('The post');
  return row;
}

/**
 * Moves a post on only if it is still in the status (and version) the caller saw: two people
 * approving or editing at once cannot both win. Works the same on SQLite and PostgreSQL.
 */
export async function transition(
  tx: DbOrTx,
  options: { row: PostRow; set: Updateable<PostTable> },
): Promise<void> {
  const { row } = options;
  const result = await tx
    .updateTable('posts')
    .set({ ...options.set, updatedAt: new Date().toISOString() })
    .where('orgId', '=', row.orgId)
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1)
    throw conflict('Someone else changed this post at the same moment. Reload it and try again.');
}

/** Refuses unless the post is in one of `allowed`, naming what it is instead. */
export function requireStatus(row: PostRow, allowed: readonly PostStatus[], doing: string): void {
  if (!allowed.includes(row.status))
    throw conflict(`A post that is ${statusLabel(row.status)} cannot be ${doing}.`);
}

/** The caller edited an older version than the one stored. */
export function requireVersion(row: PostRow, version: number | undefined): void {
  if (version !== undefined && version !== row.version)
    throw conflict(
      'This post changed since you opened it (someone edited it). Reload to see the latest version.',
    );
}
