import type { DbOrTx, Tx } from '../../db/database.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { Actor } from '../audit/audit-types.js';
import type { ChannelConnectors } from '../channels/channel-connectors.js';
import { deletePublishedPost } from '../dispatch/delete-published-post.js';
import { returnToDraft } from '../posts/return-to-draft.js';

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
 * The effects wired to their owners: posts' `returnToDraft` (which unschedules through dispatch)
 * and dispatch's `deletePublishedPost` (which deletes through each network's API where it can).
 * Targets that were only waiting are canceled and need nothing more; everything a network could
 * not delete (or could not be asked to, right now) goes on the takedown checklist with its link.
 */
export function createPostEffects(ports: {
  box: SecretBox;
  connectors: ChannelConnectors;
}): PostEffects {
  return {
    async returnToDraft(tx, options) {
      await returnToDraft(tx, options);
    },
    async deletePublishedPost(db, options) {
      const results = await deletePublishedPost(db, { ...options, ...ports });
      return results
        .filter((r) => r.outcome !== 'canceled')
        .map((r) => ({
          targetId: r.targetId,
          network: r.network,
          outcome:
            r.outcome === 'deleted' ? ('deleted' as const) : ('manual_removal_needed' as const),
          url: r.url,
        }));
    },
  };
}
