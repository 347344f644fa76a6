import type { Db } from '../../db/database.js';
import { systemActor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { markReconnectNeeded } from '../channels/channels.js';
import { notify } from '../notifications/notify.js';
import { networkLabel } from './failure-advice.js';

/**
 * A network refused the channel's credentials while publishing: the channel needs reconnecting,
 * its waiting targets pause (they resume once it is reconnected), and the owners and admins are
 * told in the app and by email. Returns how many targets were paused.
 */
export async function pauseChannel(
  db: Db,
  options: {
    orgId: string;
    channelId: string;
    network: string;
    handle: string;
    reason: string;
    now: Date;
  },
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const channel = await tx
      .selectFrom('channels')
      .select('status')
      .where('orgId', '=', options.orgId)
      .where('id', '=', options.channelId)
      .executeTakeFirst();
    if (!channel || channel.status === 'disconnected') return 0;
    const wasConnected = channel.status === 'connected';
    await markReconnectNeeded(tx, {
      actor: systemActor,
      orgId: options.orgId,
      channelId: options.channelId,
      reason: options.reason,
    });
    const paused = await tx
      .updateTable('postTargets')
      .set({ status: 'paused', updatedAt: options.now.toISOString() })
      .where('orgId', '=', options.orgId)
      .where('channelId', '=', options.channelId)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    const count = Number(paused.numUpdatedRows);
    await recordAuditEvent(
      tx,
      {
        orgId: options.orgId,
        actor: systemActor,
        action: 'channel.posts_paused',
        target: { type: 'channel', id: options.channelId },
        details: { paused: count },
      },
      options.now,
    );
    if (wasConnected) {
      const name = networkLabel(options.network);
      await notify(tx, {
        orgId: options.orgId,
        audience: { roles: ['owner', 'admin'] },
        kind: 'channel.reconnect_needed',
        title: `Reconnect ${name} account ${options.handle}`,
        body: `${name} no longer accepts Bedside's connection to ${options.handle}, so its scheduled posts are paused. Reconnect it in Settings → Channels and they will go out.`,
        link: '/settings/channels',
        email: true,
      });
    }
    return count;
  });
}

/**
 * Puts paused targets of channels that are connected again back in the queue, due now, with one
 * audit event per channel (`channel.posts_resumed`, how many) in the same transaction.
 */
export async function resumeReconnectedChannels(db: Db, now: Date): Promise<number> {
  const waiting = await db
    .selectFrom('postTargets')
    .innerJoin('channels', 'channels.id', 'postTargets.channelId')
    .select(['postTargets.orgId', 'postTargets.channelId'])
    .distinct()
    .where('postTargets.status', '=', 'paused')
    .where('channels.status', '=', 'connected')
    .execute();
  let resumed = 0;
  for (const { orgId, channelId } of waiting)
    resumed += await db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('postTargets')
        .set({ status: 'queued', nextAttemptAt: now.toISOString(), updatedAt: now.toISOString() })
        .where('orgId', '=', orgId)
        .where('channelId', '=', channelId)
        .where('status', '=', 'paused')
        .where('channelId', 'in', (eb) =>
          eb
            .selectFrom('channels')
            .select('channels.id')
            .where('channels.status', '=', 'connected'),
        )
        .executeTakeFirst();
      const count = Number(result.numUpdatedRows);
      if (count > 0)
        await recordAuditEvent(
          tx,
          {
            orgId,
            actor: systemActor,
            action: 'channel.posts_resumed',
            target: { type: 'channel', id: channelId },
            details: { resumed: count },
          },
          now,
        );
      return count;
    });
  return resumed;
}
