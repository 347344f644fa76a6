import { ConnectorError } from '../../connectors/connector.js';
import type { DbOrTx } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { ChannelConnectors } from '../channels/channel-connectors.js';
import { inTransaction } from '../channels/channels.js';
import { connectorFor } from './dispatch-deps.js';
import { networkLabel } from './failure-advice.js';
import { refreshPostStatus } from './post-status.js';

export type DeleteOutcome = 'deleted' | 'manual_removal_needed' | 'canceled' | 'failed';

export interface TargetDeletion {
  targetId: string;
  channelId: string;
  network: string;
  outcome: DeleteOutcome;
  /** Where the post is, for a person to remove it by hand. */
  url: string | null;
  /** Plain words: why it could not be deleted here. */
  reason: string | null;
}

/**
 * Takes a post down everywhere Bedside can: each published target is deleted through its
 * network's API (`deleted`); where the API cannot delete (snac), the channel is gone or the
 * network refuses, the target is marked `removal_needed` and its URL returned for a person
 * (`manual_removal_needed`). Targets still waiting are canceled so nothing more goes out; a network
 * that is down leaves its target published and reports `failed` (call again later). Consent
 * revocation calls this.
 */
export async function deletePublishedPost(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    postId: string;
    box: SecretBox;
    connectors: ChannelConnectors;
  },
): Promise<TargetDeletion[]> {
  const now = new Date();
  const post = await db
    .selectFrom('posts')
    .select('id')
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.postId)
    .executeTakeFirst();
  if (!post) throw notFound('The post');
  const results: TargetDeletion[] = [];
  await inTransaction(db, async (tx) => {
    const waiting = await tx
      .updateTable('postTargets')
      .set({ status: 'canceled', updatedAt: now.toISOString() })
      .where('orgId', '=', options.orgId)
      .where('postId', '=', post.id)
      .where('status', 'in', ['queued', 'paused'])
      .returning(['id', 'channelId', 'network'])
      .execute();
    for (const t of waiting)
      results.push({
        targetId: t.id,
        channelId: t.channelId,
        network: t.network,
        outcome: 'canceled',
        url: null,
        reason: null,
      });
  });

  const targets = await db
    .selectFrom('postTargets')
    .innerJoin('channels', 'channels.id', 'postTargets.channelId')
    .select([
      'postTargets.id',
      'postTargets.status',
      'postTargets.channelId',
      'postTargets.network',
      'postTargets.remoteId',
      'postTargets.remoteUrl',
      'channels.status as channelStatus',
      'channels.credentialsSealed',
    ])
    .where('postTargets.orgId', '=', options.orgId)
    .where('postTargets.postId', '=', post.id)
    .where('postTargets.status', 'in', ['published', 'unconfirmed', 'publishing', 'removal_needed'])
    .execute();

  for (const target of targets) {
    const base = {
      targetId: target.id,
      channelId: target.channelId,
      network: target.network,
      url: target.remoteUrl,
    };
    const name = networkLabel(target.network);
    if (target.status === 'publishing') {
      results.push({
        ...base,
        outcome: 'failed',
        reason: `It is being sent to ${name} right now; try again in a minute.`,
      });
      continue;
    }
    let outcome: DeleteOutcome = 'manual_removal_needed';
    let reason: string | null = null;
    const connector = connectorFor(options.connectors, target.network);
    if (target.status === 'unconfirmed' || !target.remoteId) {
      reason = `Bedside could not confirm it was published on ${name}; look for it there and remove it by hand.`;
    } else if (target.status === 'removal_needed') {
      reason = `${name} does not let apps delete posts; remove it there by hand.`;
    } else if (!connector || target.channelStatus === 'disconnected') {
      reason = `Bedside can no longer reach this ${name} account; remove the post there by hand.`;
    } else {
      try {
        const credentials: unknown = JSON.parse(options.box.open(target.credentialsSealed));
        await connector.delete(credentials, target.remoteId);
        outcome = 'deleted';
      } catch (error) {
        if (error instanceof ConnectorError && error.kind === 'content_rejected')
          reason = error.reason;
        else {
          outcome = 'failed';
          reason =
            error instanceof ConnectorError
              ? `${name}: ${error.reason} Try again later.`
              : `${name} could not be asked to delete the post. Try again later.`;
        }
      }
    }
    results.push({ ...base, outcome, reason });
    if (outcome === 'failed') continue;
    await inTransaction(db, async (tx) => {
      await tx
        .updateTable('postTargets')
        .set({
          status: outcome === 'deleted' ? 'deleted' : 'removal_needed',
          updatedAt: new Date().toISOString(),
        })
        .where('id', '=', target.id)
        .execute();
    });
  }

  await inTransaction(db, async (tx) => {
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'post.deleted_from_networks',
      target: { type: 'post', id: post.id },
      details: {
        outcomes: results.map((r) => ({
          targetId: r.targetId,
          network: r.network,
          outcome: r.outcome,
        })),
      },
    });
    await refreshPostStatus(tx, { orgId: options.orgId, postId: post.id, now });
  });
  return results;
}
