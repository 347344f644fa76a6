import type { DbOrTx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Mailer } from '../../mail/mailer.js';
import { hashPassword, verifyPassword } from '../../security/passwords.js';
import { hashToken, newToken } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { destroyUserSessions } from './sessions.js';
import { recordForEveryOrg } from './totp.js';

const RESET_MINUTES = 30;

/**
 * Mails a one-time reset link if the account exists. The answer is the same either way, so the
 * form cannot be used to learn who has an account.
 */
export async function requestPasswordReset(
  db: DbOrTx,
  options: { email: string; ip: string | null; mailer: Mailer; publicUrl: string },
): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', '=', options.email)
    .executeTakeFirst();
  if (!user) return;
  const now = new Date();
  const { token, hash } = newToken();
  await db
    .insertInto('passwordResets')
    .values({
      tokenHash: hash,
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000).toISOString(),
      usedAt: null,
    })
    .execute();
  await recordForEveryOrg(db, {
    actor: { userId: user.id, label: user.email, ip: options.ip },
    userId: user.id,
    action: 'auth.password_reset_requested',
  });
  await options.mailer.send({
    to: user.email,
    subject: 'Reset your Bedside password',
    text: [
      'Someone asked to reset the password of your Bedside account.',
      '',
      `Choose a new password: ${options.publicUrl}/reset-password?token=${token}`,
      '',
      `The link works once and expires in ${RESET_MINUTES} minutes. If it was not you, ignore this mail: your password stays as it is.`,
    ].join('\n'),
  });
}

export async function confirmPasswordReset(
  db: DbOrTx,
  options: { token: string; password: string; ip: string | null },
): Promise<void> {
  const now = new Date().toISOString();
  const reset = await db
    .selectFrom('passwordResets')
    .selectAll()
    .where('tokenHash', '=', hashToken(options.token))
    .executeTakeFirst();
  if (!reset || reset.usedAt || reset.expiresAt <= now) {
    throw new AppError(
      'not_found',
      'This reset link has expired or was already used. Ask for a new one.',
    );
  }
  await db
    .updateTable('passwordResets')
    .set({ usedAt: now })
    .where('tokenHash', '=', reset.tokenHash)
    .execute();
  await db
    .updateTable('users')
    .set({
      passwordHash: await hashPassword(options.password),
      failedLogins: 0,
      lockedUntil: null,
      updatedAt: now,
    })
    .where('id', '=', reset.userId)
    .execute();
  await destroyUserSessions(db, { userId: reset.userId });
  const user = await db
    .selectFrom('users')
    .select('email')
    .where('id', '=', reset.userId)
    .executeTakeFirstOrThrow();
  await recordForEveryOrg(db, {
    actor: { userId: reset.userId, label: user.email, ip: options.ip },
    userId: reset.userId,
    action: 'auth.password_reset',
  });
}

export async function changePassword(
  db: DbOrTx,
  options: {
    actor: Actor;
    userId: string;
    sessionId: string;
    currentPassword: string;
    newPassword: string;
  },
): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select('passwordHash')
    .where('id', '=', options.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.passwordHash, options.currentPassword))) {
    throw new AppError('validation_failed', 'The current password is not correct.', {
      fields: { currentPassword: 'The current password is not correct.' },
    });
  }
  await db
    .updateTable('users')
    .set({
      passwordHash: await hashPassword(options.newPassword),
      updatedAt: new Date().toISOString(),
    })
    .where('id', '=', options.userId)
    .execute();
  await destroyUserSessions(db, { userId: options.userId, exceptSessionId: options.sessionId });
  await recordForEveryOrg(db, { ...options, action: 'auth.password_changed' });
}
