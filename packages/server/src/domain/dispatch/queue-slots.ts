import type { DbOrTx } from '../../db/database.js';
import { invalid, notFound } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction } from '../channels/channels.js';
import { addToLocal, toInstant, toLocal } from './zoned-time.js';

export interface QueueSlot {
  weekday: number;
  /** 'HH:MM' in the channel's location time zone. */
  localTime: string;
}

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Targets in these states occupy their slot. */
export const LIVE_TARGET_STATES = [
  'queued',
  'publishing',
  'published',
  'paused',
  'unconfirmed',
] as const;
const SEARCH_DAYS = 56;

/** The channel's weekly queue times, ordered. */
export async function listQueueSlots(
  db: DbOrTx,
  options: { orgId: string; channelId: string },
): Promise<QueueSlot[]> {
  return db
    .selectFrom('queueSlots')
    .select(['weekday', 'localTime'])
    .where('orgId', '=', options.orgId)
    .where('channelId', '=', options.channelId)
    .orderBy('weekday')
    .orderBy('localTime')
    .execute();
}

/** Replaces a channel's weekly queue times (at most 50; each weekday 0–6 with 'HH:MM'). */
export async function setQueueSlots(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; channelId: string; slots: QueueSlot[] },
): Promise<QueueSlot[]> {
  const seen = new Set<string>();
  options.slots.forEach((slot, i) => {
    if (!Number.isInteger(slot.weekday) || slot.weekday < 0 || slot.weekday > 6)
      throw invalid({ [`slots.${i}.weekday`]: 'Use 0 (Sunday) to 6 (Saturday).' });
    if (!TIME_PATTERN.test(slot.localTime))
      throw invalid({ [`slots.${i}.localTime`]: 'Use a 24-hour time such as 09:30.' });
    const key = `${slot.weekday} ${slot.localTime}`;
    if (seen.has(key)) throw invalid({ [`slots.${i}`]: 'This time is listed twice.' });
    seen.add(key);
  });
  if (options.slots.length > 50) throw invalid({ slots: 'At most 50 queue times per channel.' });
  return inTransaction(db, async (tx) => {
    const channel = await tx
      .selectFrom('channels')
      .select('id')
      .where('orgId', '=', options.orgId)
      .where('id', '=', options.channelId)
      .where('status', '!=', 'disconnected')
      .executeTakeFirst();
    if (!channel) throw notFound('The channel');
    await tx.deleteFrom('queueSlots').where('channelId', '=', channel.id).execute();
    const now = new Date().toISOString();
    if (options.slots.length > 0)
      await tx
        .insertInto('queueSlots')
        .values(
          options.slots.map((slot) => ({
            id: newId(),
            orgId: options.orgId,
            channelId: channel.id,
            weekday: slot.weekday,
            localTime: slot.localTime,
            createdAt: now,
          })),
        )
        .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'channel.queue_updated',
      target: { type: 'channel', id: channel.id },
      details: { slots: options.slots.length },
    });
    return listQueueSlots(tx, options);
  });
}

/**
 * The next queue time of a channel after `now` that no live target of the channel already holds,
 * searched over eight weeks in the location's zone. Undefined when the channel has no queue times
 * or all are taken.
 */
export async function nextFreeSlot(
  db: DbOrTx,
  options: { orgId: string; channelId: string; timeZone: string; now: Date },
): Promise<Date | undefined> {
  const slots = await listQueueSlots(db, options);
  if (slots.length === 0) return undefined;
  const { timeZone, now } = options;
  const horizon = new Date(now.getTime() + (SEARCH_DAYS + 1) * 86_400_000);
  const taken = new Set(
    (
      await db
        .selectFrom('postTargets')
        .select('dueAt')
        .where('orgId', '=', options.orgId)
        .where('channelId', '=', options.channelId)
        .where('status', 'in', [...LIVE_TARGET_STATES])
        .where('dueAt', '>', now.toISOString())
        .where('dueAt', '<=', horizon.toISOString())
        .execute()
    ).map((row) => new Date(row.dueAt).getTime()),
  );
  const today = toLocal(timeZone, now);
  for (let day = 0; day <= SEARCH_DAYS; day += 1) {
    const date = addToLocal(today, { days: day });
    const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
    for (const slot of slots) {
      if (slot.weekday !== weekday) continue;
      const [hour, minute] = slot.localTime.split(':').map(Number) as [number, number];
      const { instant } = toInstant(timeZone, { ...date, hour, minute });
      if (instant.getTime() > now.getTime() && !taken.has(instant.getTime())) return instant;
    }
  }
  return undefined;
}
