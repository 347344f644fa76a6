import type { DbOrTx } from '../../db/database.js';
import { conflict, notFound } from '../../errors.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction } from '../channels/channels.js';
import { cancelQueuedTargets } from './schedule-post.js';

/**
 * Takes a scheduled post off the calendar: its waiting targets become `canceled` and the post is
 * approved again (ready to be scheduled anew). Refuses once any target has started publishing.
 */
export async function unschedulePost(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; postId: string; now?: Date },
): Promise<{ postId: string; canceled: number }> {
  const now = options.now ?? new Date();
  return inTransaction(db, async (tx) => {
    const post = await tx
      .selectFrom('posts')
      .select(['id', 'status'])
      .where('orgId', '=', options.orgId)
      .where('id', '=', options.postId)
      .executeTakeFirst();
    if (!post) throw notFound('The post');
    if (post.status !== 'scheduled')
      throw conflict(
        `Only a scheduled post can be unscheduled; this one is ${post.status.replace('_', ' ')}.`,
      );
    const canceled = await cancelQueuedTargets(tx, { orgId: options.orgId, postId: post.id, now });
    await tx
      .updateTable('posts')
      .set({ status: 'approved', scheduledAt: null, updatedAt: now.toISOString() })
      .where('orgId', '=', options.orgId)
      .where('id', '=', post.id)
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'post.unscheduled',
      target: { type: 'post', id: post.id },
      details: { canceled },
    });
    return { postId: post.id, canceled };
  });
}
