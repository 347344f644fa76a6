import type { Tx } from '../../db/database.js';
import type { PostStatus } from '../../db/schema.js';

/** The statuses dispatch writes; a post in any other (returned to draft, say) is left alone. */
const DISPATCH_MANAGED: PostStatus[] = [
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'failed',
  'unconfirmed',
];

/**
 * A post's status from its targets: `publishing` while any is in flight, `scheduled` while any
 * waits, then `unconfirmed` if any needs a person to check, `published` when all went out,
 * `failed` when none did, `partially_published` otherwise. Canceled targets do not count;
 * deleted ones and those awaiting manual removal count as published (they did go out).
 */
export function aggregatePostStatus(statuses: readonly string[]): PostStatus | undefined {
  const live = statuses.filter((s) => s !== 'canceled');
  if (live.length === 0) return undefined;
  if (live.includes('publishing')) return 'publishing';
  if (live.some((s) => s === 'queued' || s === 'paused')) return 'scheduled';
  if (live.includes('unconfirmed')) return 'unconfirmed';
  const out = live.filter((s) => s === 'published' || s === 'deleted' || s === 'removal_needed');
  if (out.length === live.length) return 'published';
  if (out.length === 0) return 'failed';
  return 'partially_published';
}

/** Recomputes and stores the post's status inside the caller's transaction; returns it. */
export async function refreshPostStatus(
  tx: Tx,
  options: { orgId: string; postId: string; now: Date },
): Promise<PostStatus | undefined> {
  const rows = await tx
    .selectFrom('postTargets')
    .select('status')
    .where('orgId', '=', options.orgId)
    .where('postId', '=', options.postId)
    .groupBy('status')
    .execute();
  const status = aggregatePostStatus(rows.map((r) => r.status));
  if (!status) return undefined;
  await tx
    .updateTable('posts')
    .set({ status, updatedAt: options.now.toISOString() })
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.postId)
    .where('status', 'in', DISPATCH_MANAGED)
    .where('status', '!=', status)
    .execute();
  return status;
}

/**
 * `refreshPostStatus` for several posts (a batch of publications) in one read: only the posts
 * whose status changes are written. Call it holding the audit chain heads of their organizations
 * (every dispatch outcome takes its organization's head first): then two workers finishing the
 * last targets of one post take turns, and neither reads the other's target as still publishing.
 */
export async function refreshPostStatuses(
  tx: Tx,
  options: { posts: { orgId: string; postId: string }[]; now: Date },
): Promise<void> {
  const postIds = [...new Set(options.posts.map((p) => p.postId))];
  const orgIds = [...new Set(options.posts.map((p) => p.orgId))];
  if (postIds.length === 0) return;
  const rows = await tx
    .selectFrom('postTargets')
    .innerJoin('posts', 'posts.id', 'postTargets.postId')
    .select(['postTargets.postId', 'postTargets.status', 'posts.status as postStatus'])
    .where('postTargets.orgId', 'in', orgIds)
    .where('postTargets.postId', 'in', postIds)
    // Which statuses a post's targets are in is all aggregatePostStatus needs: a recurring post
    // has hundreds of targets, and this runs for every batch of publications.
    .groupBy(['postTargets.postId', 'postTargets.status', 'posts.status'])
    .execute();
  const perPost = new Map<string, { current: PostStatus; statuses: string[] }>();
  for (const row of rows) {
    const entry = perPost.get(row.postId) ?? { current: row.postStatus, statuses: [] };
    entry.statuses.push(row.status);
    perPost.set(row.postId, entry);
  }
  for (const { orgId, postId } of options.posts) {
    const entry = perPost.get(postId);
    if (!entry) continue;
    perPost.delete(postId);
    const status = aggregatePostStatus(entry.statuses);
    if (!status || status === entry.current || !DISPATCH_MANAGED.includes(entry.current)) continue;
    await tx
      .updateTable('posts')
      .set({ status, updatedAt: options.now.toISOString() })
      .where('orgId', '=', orgId)
      .where('id', '=', postId)
      .where('status', 'in', DISPATCH_MANAGED)
      .where('status', '!=', status)
      .execute();
  }
}
