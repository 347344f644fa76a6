import type { DbOrTx } from '../../db/database.js';
import type { PostRow, PostStatus } from '../../db/schema.js';
import { unschedulePost } from '../dispatch/unschedule-post.js';
import { systemActor, type Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction } from '../channels/channels.js';
import { loadPostRow, transition } from './post-state.js';

/** Statuses from which a post can be pulled back before anything went out. */
const RETURNABLE: readonly PostStatus[] = ['in_review', 'approved', 'scheduled'];

/**
 * Takes a post back to draft before anything is published: its approvals stop counting, a
 * scheduled post is unscheduled first (dispatch cancels its targets). Consents call this when an
 * authorization is revoked; authors withdraw a submission with it. A draft stays a draft; a post
 * that is publishing or published is left alone (`moved: false`) — that needs dispatch's delete.
 *
 * @example await returnToDraft(tx, { orgId, postId, reason: 'authorization revoked' })
 */
export async function returnToDraft(
  db: DbOrTx,
  options: { orgId: string; postId: string; reason: string; actor?: Actor },
): Promise<{ moved: boolean; from: PostStatus }> {
  const actor = options.actor ?? systemActor;
  return inTransaction(db, async (tx) => {
    let row = await loadPostRow(tx, options);
    const from = row.status;
    if (!RETURNABLE.includes(row.status)) return { moved: false, from };
    row = await unscheduleIfScheduled(tx, { actor, row });
    await transition(tx, {
      row,
      set: {
        status: 'draft',
        version: row.version + 1,
        submittedAt: null,
        approvedAt: null,
        scheduledAt: null,
      },
    });
    await recordAuditEvent(tx, {
      orgId: row.orgId,
      actor,
      action: 'post.returned_to_draft',
      target: { type: 'post', id: row.id },
      details: { from, reason: options.reason.slice(0, 500) },
    });
    return { moved: true, from };
  });
}

/** A scheduled post is unscheduled through dispatch (which cancels its queued targets). */
export async function unscheduleIfScheduled(
  tx: DbOrTx,
  options: { actor: Actor; row: PostRow },
): Promise<PostRow> {
  if (options.row.status !== 'scheduled') return options.row;
  await unschedulePost(tx, {
    actor: options.actor,
    orgId: options.row.orgId,
    postId: options.row.id,
  });
  return loadPostRow(tx, { orgId: options.row.orgId, postId: options.row.id });
}
