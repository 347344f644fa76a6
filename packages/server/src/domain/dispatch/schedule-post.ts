import type { DbOrTx, Tx } from '../../db/database.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction } from '../channels/channels.js';
import { findPostCoverageGap } from '../consents/post-coverage.js';
import { nextFreeSlot } from './queue-slots.js';
import {
  expandOccurrences,
  requireFuture,
  requireLocalTime,
  requireTimeZone,
  type RecurrenceInput,
} from './schedule-input.js';
import { formatLocalDateTime, toLocal, type ZonedInstant } from './zoned-time.js';

export interface SchedulePostOptions {
  actor: Actor;
  orgId: string;
  postId: string;
  /**
   * When: a wall-clock time 'YYYY-MM-DDTHH:MM' in `timeZone` (what the calendar sends), or
   * `queue: true` for each channel's next free queue time. Exactly one of the two.
   */
  localTime?: string;
  queue?: boolean;
  /** An IANA zone; the location's own when omitted. */
  timeZone?: string;
  recurrence?: RecurrenceInput;
  now?: Date;
}

export interface ScheduledPost {
  postId: string;
  scheduledAt: string;
  timeZone: string;
  /** The wall-clock time used, in `timeZone`: differs from the input when it fell in a DST gap. */
  localTime: string;
  adjustment: ZonedInstant['adjustment'];
  targets: { id: string; channelId: string; occurrence: number; dueAt: string }[];
}

/** Targets in these states have left the queue: rescheduling them would risk a second post. */
const STARTED = ['publishing', 'published', 'failed', 'unconfirmed', 'deleted', 'removal_needed'];

/**
 * Schedules an approved post (or moves a scheduled one that has not started): one target per
 * variant and occurrence, due at a UTC instant chosen in the location's time zone (DST rule in
 * zoned-time.ts). Refuses a zone that does not exist, a time that has passed, a channel that needs
 * reconnecting, and a post whose patient authorizations do not cover it (consents).
 */
export async function schedulePost(
  db: DbOrTx,
  options: SchedulePostOptions,
): Promise<ScheduledPost> {
  const now = options.now ?? new Date();
  const post = await db
    .selectFrom('posts')
    .innerJoin('locations', 'locations.id', 'posts.locationId')
    .select(['posts.id', 'posts.status', 'locations.timeZone as locationZone'])
    .where('posts.orgId', '=', options.orgId)
    .where('posts.id', '=', options.postId)
    .executeTakeFirst();
  if (!post) throw notFound('The post');
  if (post.status !== 'approved' && post.status !== 'scheduled')
    throw conflict(
      `Only an approved post can be scheduled; this one is ${post.status.replace('_', ' ')}.`,
    );
  const timeZone = requireTimeZone(options.timeZone ?? post.locationZone);
  if (Boolean(options.queue) === (options.localTime !== undefined))
    throw invalid({
      localTime: 'Give a date and time, or choose the next queue time — one of the two.',
    });
  if (options.queue && options.recurrence)
    throw invalid({
      recurrence: 'A queued post goes out once; give a date and time to repeat it.',
    });

  const variants = await db
    .selectFrom('postVariants')
    .innerJoin('channels', 'channels.id', 'postVariants.channelId')
    .select([
      'postVariants.id',
      'postVariants.channelId',
      'postVariants.network',
      'channels.handle',
      'channels.status as channelStatus',
    ])
    .where('postVariants.orgId', '=', options.orgId)
    .where('postVariants.postId', '=', post.id)
    .where('postVariants.removedAt', 'is', null)
    .orderBy('postVariants.createdAt')
    .execute();
  if (variants.length === 0)
    throw invalid({ channels: 'Choose at least one channel for this post.' });
  for (const variant of variants) {
    if (variant.channelStatus === 'disconnected')
      throw conflict(
        `${variant.handle} was disconnected; remove it from the post or connect it again.`,
      );
    if (variant.channelStatus === 'reconnect_needed')
      throw conflict(
        `${variant.handle} needs reconnecting (Settings → Channels) before posts can be scheduled to it.`,
      );
  }

  // When each variant goes out: the same occurrences for all, or each channel's next queue time.
  let occurrences: ZonedInstant[] = [];
  const perVariant = new Map<string, ZonedInstant[]>();
  if (options.localTime !== undefined) {
    const start = requireLocalTime(options.localTime);
    occurrences = expandOccurrences(start, { timeZone, recurrence: options.recurrence });
    for (const o of occurrences) requireFuture(o, { timeZone, now, field: 'localTime' });
    for (const v of variants) perVariant.set(v.id, occurrences);
  } else {
    for (const v of variants) {
      const slot = await nextFreeSlot(db, {
        orgId: options.orgId,
        channelId: v.channelId,
        timeZone,
        now,
      });
      if (!slot)
        throw invalid({
          queue: `${v.handle} has no free queue time in the next eight weeks; add queue times or pick a date.`,
        });
      perVariant.set(v.id, [{ instant: slot, adjustment: 'none', local: toLocal(timeZone, slot) }]);
    }
  }
  const all = [...perVariant.values()]
    .flat()
    .sort((a, b) => a.instant.getTime() - b.instant.getTime());
  const first = all[0];
  const last = all[all.length - 1];
  if (!first || !last) throw invalid({ localTime: 'Nothing to schedule.' });

  for (const at of new Set([first.instant.getTime(), last.instant.getTime()])) {
    const gap = await findPostCoverageGap(db, {
      orgId: options.orgId,
      postId: post.id,
      at: new Date(at),
      now,
    });
    if (gap) throw conflict(gap.reason);
  }

  return inTransaction(db, async (tx) => {
    const moved = await tx
      .updateTable('posts')
      .set({
        status: 'scheduled',
        scheduledAt: first.instant.toISOString(),
        timeZone,
        updatedAt: now.toISOString(),
      })
      .where('orgId', '=', options.orgId)
      .where('id', '=', post.id)
      .where('status', 'in', ['approved', 'scheduled'])
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw conflict('The post changed meanwhile; reload it and try again.');
    const rescheduled = await cancelQueuedTargets(tx, {
      orgId: options.orgId,
      postId: post.id,
      now,
    });

    let recurrenceId: string | null = null;
    if (options.recurrence && options.localTime !== undefined) {
      recurrenceId = newId();
      await tx
        .insertInto('recurrenceRules')
        .values({
          id: recurrenceId,
          orgId: options.orgId,
          postId: post.id,
          frequency: options.recurrence.frequency,
          interval: options.recurrence.interval,
          count: options.recurrence.count,
          timeZone,
          localStart: options.localTime,
          createdAt: now.toISOString(),
        })
        .execute();
    }
    const targets: ScheduledPost['targets'] = [];
    const rows = variants.flatMap((variant) =>
      (perVariant.get(variant.id) ?? []).map((when, occurrence) => {
        const id = newId();
        const dueAt = when.instant.toISOString();
        targets.push({ id, channelId: variant.channelId, occurrence, dueAt });
        return {
          id,
          orgId: options.orgId,
          postId: post.id,
          variantId: variant.id,
          channelId: variant.channelId,
          network: variant.network,
          occurrence,
          recurrenceId,
          dueAt,
          timeZone,
          status: 'queued' as const,
          idempotencyKey: newId(),
          attempts: 0,
          nextAttemptAt: dueAt,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
        };
      }),
    );
    await tx.insertInto('postTargets').values(rows).execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: rescheduled ? 'post.rescheduled' : 'post.scheduled',
      target: { type: 'post', id: post.id },
      details: {
        scheduledAt: first.instant.toISOString(),
        timeZone,
        targets: rows.length,
        queue: Boolean(options.queue),
        recurrence: options.recurrence ?? null,
        adjustment: first.adjustment,
      },
    });
    return {
      postId: post.id,
      scheduledAt: first.instant.toISOString(),
      timeZone,
      localTime: formatLocalDateTime(first.local),
      adjustment: first.adjustment,
      targets,
    };
  });
}

/**
 * Cancels the post's targets that are still waiting. Refuses when any has started: what is out
 * there (or may be) is not moved silently. Returns how many were canceled.
 */
export async function cancelQueuedTargets(
  tx: Tx,
  options: { orgId: string; postId: string; now: Date },
): Promise<number> {
  const live = await tx
    .selectFrom('postTargets')
    .select(['id', 'status', 'publishStartedAt'])
    .where('orgId', '=', options.orgId)
    .where('postId', '=', options.postId)
    .where('status', '!=', 'canceled')
    .execute();
  if (live.some((t) => STARTED.includes(t.status)))
    throw conflict(
      'Part of this post has already been sent (or is being sent); it cannot be moved. See the calendar for each network.',
    );
  if (live.some((t) => t.publishStartedAt !== null))
    throw conflict(
      'An earlier attempt may have reached a network and is being checked; try again in a few minutes.',
    );
  if (live.length === 0) return 0;
  const result = await tx
    .updateTable('postTargets')
    .set({
      status: 'canceled',
      leaseOwner: null,
      leaseUntil: null,
      updatedAt: options.now.toISOString(),
    })
    .where('orgId', '=', options.orgId)
    .where('postId', '=', options.postId)
    .where('status', 'in', ['queued', 'paused'])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== live.length)
    throw conflict('A worker picked this post up meanwhile; reload and check the calendar.');
  return live.length;
}
