import type { DbOrTx } from '../../db/database.js';
import { invalid, notFound } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction } from '../channels/channels.js';
import { loadPostRow } from './post-state.js';
import { getPost, type CommentView } from './post-view.js';

export interface CommentInput {
  body: string;
  /** Anchor the comment to `[anchorStart, anchorEnd)` of this variant's text (UTF-16 offsets). */
  variantId?: string | undefined;
  anchorStart?: number | undefined;
  anchorEnd?: number | undefined;
}

/** A reviewer's (or the author's) note on a post, optionally anchored to a stretch of one variant's text. */
export async function addComment(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; postId: string; input: CommentInput },
): Promise<CommentView> {
  const { input } = options;
  const body = input.body.trim();
  if (!body) throw invalid({ body: 'Write the comment.' });
  if (body.length > 4000) throw invalid({ body: 'Keep it under 4000 characters.' });
  const hasAnchor = input.anchorStart !== undefined || input.anchorEnd !== undefined;
  if (hasAnchor && !input.variantId)
    throw invalid({ variantId: 'Say which channel’s text the comment is about.' });
  return inTransaction(db, async (tx) => {
    const row = await loadPostRow(tx, options);
    let quote: string | null = null;
    if (input.variantId) {
      const variant = await tx
        .selectFrom('postVariants')
        .select(['id', 'text'])
        .where('orgId', '=', row.orgId)
        .where('postId', '=', row.id)
        .where('id', '=', input.variantId)
        .where('removedAt', 'is', null)
        .executeTakeFirst();
      if (!variant) throw invalid({ variantId: 'This post has no such variant; reload it.' });
      if (hasAnchor) {
        const start = input.anchorStart ?? -1;
        const end = input.anchorEnd ?? -1;
        if (start < 0 || end <= start || end > variant.text.length)
          throw invalid({
            anchorStart: 'Select the text the comment is about (it changed; reload).',
          });
        quote = variant.text.slice(start, end).slice(0, 500);
      }
    }
    const id = newId();
    const userId = options.actor.userId;
    if (!userId) throw new Error('addComment needs a person as its actor');
    await tx
      .insertInto('postComments')
      .values({
        id,
        orgId: row.orgId,
        postId: row.id,
        variantId: input.variantId ?? null,
        authorId: userId,
        kind: 'comment',
        body,
        anchorStart: hasAnchor ? (input.anchorStart ?? null) : null,
        anchorEnd: hasAnchor ? (input.anchorEnd ?? null) : null,
        quote,
        postVersion: row.version,
        resolved: 0,
        createdAt: new Date().toISOString(),
      })
      .execute();
    await recordAuditEvent(tx, {
      orgId: row.orgId,
      actor: options.actor,
      action: 'post.commented',
      target: { type: 'post', id: row.id },
      details: { commentId: id, version: row.version, anchored: hasAnchor },
    });
    const post = await getPost(tx, options);
    const comment = post.comments.find((c) => c.id === id);
    if (!comment) throw notFound('The comment');
    return comment;
  });
}

/** Marks a comment as dealt with. */
export async function resolveComment(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; postId: string; commentId: string },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const result = await tx
      .updateTable('postComments')
      .set({ resolved: 1 })
      .where('orgId', '=', options.orgId)
      .where('postId', '=', options.postId)
      .where('id', '=', options.commentId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw notFound('The comment');
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'post.comment_resolved',
      target: { type: 'post', id: options.postId },
      details: { commentId: options.commentId },
    });
  });
}
