import type { DbOrTx, Tx } from '../../db/database.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { cancelQueuedTargets } from '../dispatch/schedule-post.js';

export interface TakedownOutcome {
  targetId: string | null;
  network: string | null;
  outcome: 'deleted' | 'manual_removal_needed';
  url: string | null;
}

/**
 * What a revocation or expiry does to the posts that depend on the authorization. A port, so the
 * consents domain does not reach into posts' or dispatch's tables beyond these two calls.
 */
export interface PostEffects {
  /** A post not yet out goes back to draft (inside the revocation's transaction); queued sends are canceled. */
  returnToDraft(
    tx: Tx,
    options: { actor: Actor; orgId: string; postId: string; reason: string },
  ): Promise<void>;
  /** A post that is out is deleted where the network's API allows; the rest needs a person. */
  deletePublishedPost(
    db: DbOrTx,
    options: { actor: Actor; orgId: string; postId: string },
  ): Promise<TakedownOutcome[]>;
}

/**
 * The effects in this tree today: dispatch's `cancelQueuedTargets` and a status change with its
 * audit event for returning to draft; every published target goes on the takedown checklist with
 * its link, until dispatch's `deletePublishedPost` lands (NOTES.md).
 */
export const postEffects: PostEffects = {
  async returnToDraft(tx, options) {
    const now = new Date();
    await cancelQueuedTargets(tx, { orgId: options.orgId, postId: options.postId, now });
    await tx
      .updateTable('posts')
      .set({ status: 'draft', scheduledAt: null, updatedAt: now.toISOString() })
      .where('orgId', '=', options.orgId)
      .where('id', '=', options.postId)
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'post.returned_to_draft',
      target: { type: 'post', id: options.postId },
      details: { reason: options.reason },
    });
  },

  async deletePublishedPost(db, options) {
    const targets = await db
      .selectFrom('postTargets')
      .select(['id', 'network', 'remoteUrl', 'status'])
      .where('orgId', '=', options.orgId)
      .where('postId', '=', options.postId)
      .where('status', 'in', ['published', 'unconfirmed', 'publishing', 'removal_needed'])
      .execute();
    if (targets.length === 0)
      return [{ targetId: null, network: null, outcome: 'manual_removal_needed', url: null }];
    return targets.map((t) => ({
      targetId: t.id,
      network: t.network,
      outcome: 'manual_removal_needed' as const,
      url: t.remoteUrl,
    }));
  },
};
