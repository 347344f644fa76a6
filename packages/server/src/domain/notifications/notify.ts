import type { DbOrTx } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import { newId } from '../../security/tokens.js';

export interface NotifyInput {
  orgId: string;
  /** Everyone holding one of `roles`, plus each of `userIds` (each person once). */
  audience: { roles?: readonly Role[]; userIds?: readonly string[] };
  /** A stable machine name: `channel.reconnect_needed`, `consent.revoked`, `review.negative`. */
  kind: string;
  /** Title and body are shown in the app and mailed: they must never hold patient information. */
  title: string;
  body: string;
  /** A path inside the app (`/calendar?post=…`), never an external address. */
  link?: string;
  /** Also send an email copy, after the surrounding transaction commits. */
  email?: boolean;
}

/**
 * Tells people in an organization about something, inside the caller's transaction. Returns the
 * user ids told. The email copy is sent after commit by the workers' ReputationLoop (every few seconds), so
 * nobody is mailed about a change that rolled back.
 *
 * @example await notify(tx, { orgId, audience: { roles: ['owner'] }, kind: 'channel.reconnect_needed',
 *   title: 'Reconnect Mastodon', body: '…', link: '/settings/channels', email: true })
 */
export async function notify(db: DbOrTx, input: NotifyInput): Promise<string[]> {
  if (input.link !== undefined && !input.link.startsWith('/')) {
    throw new Error('A notification link is a path inside the app');
  }
  const recipients = await recipientIds(db, input);
  if (recipients.length === 0) return [];
  const now = new Date().toISOString();
  await db
    .insertInto('notifications')
    .values(
      recipients.map((userId) => ({
        id: newId(),
        orgId: input.orgId,
        userId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        link: input.link ?? null,
        emailStatus: input.email ? ('pending' as const) : ('none' as const),
        emailClaimedAt: null,
        createdAt: now,
        readAt: null,
      })),
    )
    .execute();
  return recipients;
}

async function recipientIds(db: DbOrTx, input: NotifyInput): Promise<string[]> {
  const roles = input.audience.roles ?? [];
  const userIds = input.audience.userIds ?? [];
  if (roles.length === 0 && userIds.length === 0) return [];
  const rows = await db
    .selectFrom('memberships')
    .select('userId')
    .where('orgId', '=', input.orgId)
    .where((eb) =>
      eb.or([
        ...(roles.length > 0 ? [eb('role', 'in', [...roles])] : []),
        ...(userIds.length > 0 ? [eb('userId', 'in', [...userIds])] : []),
      ]),
    )
    .execute();
  return [...new Set(rows.map((row) => row.userId))].sort();
}
