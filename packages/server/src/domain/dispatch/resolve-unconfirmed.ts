import type { DbOrTx } from '../../db/database.js';
import { conflict, invalid, notFound } from '../../errors.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction } from '../channels/channels.js';
import { refreshPostStatus } from './post-status.js';

/**
 * A person checked the network for an unconfirmed target: it is there (`published`, with the
 * address they found), or it is not and should be sent (`retry`, due now), or it should stay
 * unsent (`failed`).
 */
export async function resolveUnconfirmed(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    targetId: string;
    resolution: 'published' | 'retry' | 'failed';
    url?: string;
  },
): Promise<{ targetId: string; status: string }> {
  if (options.url !== undefined && !/^https?:\/\/\S+$/.test(options.url))
    throw invalid({ url: 'Give the web address of the post, starting with https://.' });
  const now = new Date();
  return inTransaction(db, async (tx) => {
    const target = await tx
      .selectFrom('postTargets')
      .select(['id', 'postId', 'status'])
      .where('orgId', '=', options.orgId)
      .where('id', '=', options.targetId)
      .executeTakeFirst();
    if (!target) throw notFound('The post target');
    if (target.status !== 'unconfirmed')
      throw conflict('Only a post Bedside could not confirm needs checking; this one is settled.');
    const status =
      options.resolution === 'retry'
        ? 'queued'
        : options.resolution === 'published'
          ? 'published'
          : 'failed';
    await tx
      .updateTable('postTargets')
      .set({
        status,
        ...(options.resolution === 'retry' && {
          nextAttemptAt: now.toISOString(),
          publishStartedAt: null,
        }),
        ...(options.resolution === 'published' && {
          publishedAt: now.toISOString(),
          remoteUrl: options.url ?? null,
          lastErrorKind: null,
          lastErrorMessage: null,
          lastErrorFix: null,
        }),
        updatedAt: now.toISOString(),
      })
      .where('id', '=', target.id)
      .where('status', '=', 'unconfirmed')
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'post.target_checked',
      target: { type: 'post', id: target.postId },
      details: { targetId: target.id, resolution: options.resolution },
    });
    await refreshPostStatus(tx, { orgId: options.orgId, postId: target.postId, now });
    return { targetId: target.id, status };
  });
}
