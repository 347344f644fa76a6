import type { DbOrTx } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { hashToken, newToken } from '../../security/tokens.js';

/** A session never outlives this, however active. */
export const ABSOLUTE_SESSION_HOURS = 12;
const DEFAULT_IDLE_MINUTES = 15;
/** lastSeenAt is written at most this often, so a busy page does not write on every request. */
const TOUCH_EVERY_MS = 15_000;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  totpEnabled: boolean;
}

export interface Membership {
  orgId: string;
  orgName: string;
  role: Role;
}

export interface SessionView {
  user: SessionUser;
  memberships: Membership[];
  idleTimeoutMinutes: number;
  /** An organization of theirs requires two-factor sign-in and they have not set it up. */
  totpSetupRequired: boolean;
}

export async function createSession(
  db: DbOrTx,
  options: { userId: string; ip: string | null; userAgent: string | null; now?: Date },
): Promise<{ token: string; expiresAt: string }> {
  const now = options.now ?? new Date();
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + ABSOLUTE_SESSION_HOURS * 3_600_000).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: hash,
      userId: options.userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt,
      ip: options.ip,
      userAgent: options.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

/**
 * Resolves a cookie token to its person, enforcing the absolute lifetime and the idle logoff of
 * the strictest organization they belong to (HIPAA 164.312(a)(2)(iii) automatic logoff).
 */
export async function resolveSession(
  db: DbOrTx,
  options: { token: string; now?: Date },
): Promise<SessionView & { sessionId: string }> {
  const now = options.now ?? new Date();
  const sessionId = hashToken(options.token);
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!session) throw new AppError('unauthenticated', 'Please sign in.');
  const view = await describeSession(db, session.userId);
  const idleDeadline = new Date(session.lastSeenAt).getTime() + view.idleTimeoutMinutes * 60_000;
  if (session.expiresAt <= now.toISOString() || idleDeadline <= now.getTime()) {
    await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
    throw new AppError(
      'session_expired',
      'You were signed out after a period of inactivity. Please sign in again.',
    );
  }
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    await db
      .updateTable('sessions')
      .set({ lastSeenAt: now.toISOString() })
      .where('id', '=', sessionId)
      .execute();
  }
  return { ...view, sessionId };
}

export async function describeSession(db: DbOrTx, userId: string): Promise<SessionView> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'totpEnabled'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.orgId')
    .select([
      'memberships.orgId',
      'organizations.name as orgName',
      'memberships.role',
      'organizations.idleTimeoutMinutes',
      'organizations.requireTotp',
    ])
    .where('memberships.userId', '=', userId)
    .orderBy('organizations.name')
    .execute();
  return {
    user: { id: user.id, name: user.name, email: user.email, totpEnabled: user.totpEnabled === 1 },
    memberships: rows.map((r) => ({ orgId: r.orgId, orgName: r.orgName, role: r.role })),
    idleTimeoutMinutes: rows.length
      ? Math.min(...rows.map((r) => r.idleTimeoutMinutes))
      : DEFAULT_IDLE_MINUTES,
    totpSetupRequired: user.totpEnabled !== 1 && rows.some((r) => r.requireTotp === 1),
  };
}

export async function destroySession(db: DbOrTx, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

/** Ends every session of a person (after a password reset), optionally keeping the current one. */
export async function destroyUserSessions(
  db: DbOrTx,
  options: { userId: string; exceptSessionId?: string },
): Promise<void> {
  let query = db.deleteFrom('sessions').where('userId', '=', options.userId);
  if (options.exceptSessionId) query = query.where('id', '!=', options.exceptSessionId);
  await query.execute();
}

export async function purgeExpiredSessions(db: DbOrTx, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('expiresAt', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function userOrgIds(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('orgId')
    .where('userId', '=', userId)
    .execute();
  return rows.map((r) => r.orgId);
}
