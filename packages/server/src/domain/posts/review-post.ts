import type { DbOrTx } from '../../db/database.js';
import type { PostCommentKind, PostRow, Role } from '../../db/schema.js';
import { forbidden, invalid } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction } from '../channels/channels.js';
import { notify } from '../notifications/notify.js';
import { approvalState, requiredApproverRoles } from './approval-rules.js';
import { loadPostRow, requireStatus, requireVersion, transition } from './post-state.js';
import { getPost, type PostView } from './post-view.js';
import { getPublishingSettings } from './publishing-settings.js';

const roleName = (role: Role): string => role.replace('_', ' ');

/** Nobody approves, or asks changes of, a version they wrote or edited themselves. */
function requireNotAuthor(row: PostRow, actor: Actor, doing: string): string {
  const userId = actor.userId;
  if (!userId) throw forbidden();
  if (userId === row.authorId || userId === row.lastEditedBy)
    throw forbidden(`You wrote or last edited this post, so someone else must ${doing} it.`);
  return userId;
}

/**
 * Records one person's approval of the version they reviewed. The post is approved once every
 * role the organization requires has approved (plus the compliance officer when the guard warned),
 * or — with no roles required — after the first approval.
 */
export async function approvePost(
  db: DbOrTx,
  options: {
    actor: Actor;
    role: Role;
    orgId: string;
    postId: string;
    version: number;
    /** An optional note kept as a comment with the approval. */
    note?: string | undefined;
  },
): Promise<PostView> {
  const note = options.note?.trim();
  if (note && note.length > 4000) throw invalid({ note: 'Keep it under 4000 characters.' });
  return inTransaction(db, async (tx) => {
    const row = await loadPostRow(tx, options);
    requireStatus(row, ['in_review'], 'approved');
    requireVersion(row, options.version);
    const userId = requireNotAuthor(row, options.actor, 'approve');
    const settings = await getPublishingSettings(tx, row.orgId);
    const required = requiredApproverRoles(settings, row.guardVerdict);
    if (required.length > 0 && !required.includes(options.role))
      throw forbidden(
        `This organization asks for approval by: ${required.map(roleName).join(', ')}. Your role (${roleName(options.role)}) is not one of them.`,
      );
    const approvals = await tx
      .selectFrom('postApprovals')
      .select(['userId', 'role'])
      .where('orgId', '=', row.orgId)
      .where('postId', '=', row.id)
      .where('postVersion', '=', row.version)
      .execute();
    if (approvals.some((a) => a.userId === userId))
      throw invalid({ version: 'You already approved this version.' });
    await tx
      .insertInto('postApprovals')
      .values({
        id: newId(),
        orgId: row.orgId,
        postId: row.id,
        postVersion: row.version,
        userId,
        role: options.role,
        createdAt: new Date().toISOString(),
      })
      .execute();
    if (note)
      await tx
        .insertInto('postComments')
        .values({
          id: newId(),
          orgId: row.orgId,
          postId: row.id,
          variantId: null,
          authorId: userId,
          kind: 'comment',
          body: note,
          anchorStart: null,
          anchorEnd: null,
          quote: null,
          postVersion: row.version,
          resolved: 0,
          createdAt: new Date().toISOString(),
        })
        .execute();
    await recordAuditEvent(tx, {
      orgId: row.orgId,
      actor: options.actor,
      action: 'post.approval_recorded',
      target: { type: 'post', id: row.id },
      details: { version: row.version, role: options.role },
    });
    const state = approvalState(settings, {
      verdict: row.guardVerdict,
      approvals: [...approvals, { role: options.role }],
    });
    if (state.complete) {
      await transition(tx, {
        row,
        set: { status: 'approved', approvedAt: new Date().toISOString() },
      });
      await recordAuditEvent(tx, {
        orgId: row.orgId,
        actor: options.actor,
        action: 'post.approved',
        target: { type: 'post', id: row.id },
        details: { version: row.version, verdict: row.guardVerdict },
      });
      await notify(tx, {
        orgId: row.orgId,
        audience: { userIds: [row.authorId] },
        kind: 'post.approved',
        title: 'Your post was approved',
        body: 'It is ready to schedule.',
        link: `/posts/${row.id}`,
      });
    }
    return getPost(tx, options);
  });
}

/**
 * A reviewer sends the post back to its author with a reason (`changes_requested`, back to draft)
 * or turns it down for good (`rejected`). The reason is kept as a comment and the move audited.
 */
export async function declinePost(
  db: DbOrTx,
  options: {
    actor: Actor;
    /** Any reviewer may ask for changes; only a role whose approval is required may reject. */
    role: Role;
    orgId: string;
    postId: string;
    version: number;
    decision: Exclude<PostCommentKind, 'comment'>;
    reason: string;
  },
): Promise<PostView> {
  const reason = options.reason.trim();
  if (reason.length < 5)
    throw invalid({ reason: 'Say what needs to change (a sentence will do).' });
  if (reason.length > 4000) throw invalid({ reason: 'Keep it under 4000 characters.' });
  return inTransaction(db, async (tx) => {
    const row = await loadPostRow(tx, options);
    const rejecting = options.decision === 'rejected';
    requireStatus(row, ['in_review'], rejecting ? 'rejected' : 'sent back for changes');
    requireVersion(row, options.version);
    requireNotAuthor(row, options.actor, rejecting ? 'reject' : 'review');
    if (rejecting) {
      const required = requiredApproverRoles(
        await getPublishingSettings(tx, row.orgId),
        row.guardVerdict,
      );
      if (required.length > 0 && !required.includes(options.role))
        throw forbidden(
          `Only a reviewer whose approval is required (${required.map(roleName).join(', ')}) can reject a post; you can request changes instead.`,
        );
    }
    await tx
      .insertInto('postComments')
      .values({
        id: newId(),
        orgId: row.orgId,
        postId: row.id,
        variantId: null,
        authorId: options.actor.userId ?? row.authorId,
        kind: options.decision,
        body: reason,
        anchorStart: null,
        anchorEnd: null,
        quote: null,
        postVersion: row.version,
        resolved: 0,
        createdAt: new Date().toISOString(),
      })
      .execute();
    await transition(tx, {
      row,
      set: { status: rejecting ? 'rejected' : 'draft', submittedAt: null },
    });
    await recordAuditEvent(tx, {
      orgId: row.orgId,
      actor: options.actor,
      action: rejecting ? 'post.rejected' : 'post.changes_requested',
      target: { type: 'post', id: row.id },
      details: { version: row.version },
    });
    await notify(tx, {
      orgId: row.orgId,
      audience: { userIds: [row.authorId] },
      kind: rejecting ? 'post.rejected' : 'post.changes_requested',
      title: rejecting ? 'Your post was rejected' : 'Changes requested on your post',
      body: 'Open the post to read the reviewer’s note.',
      link: `/posts/${row.id}`,
    });
    return getPost(tx, options);
  });
}
