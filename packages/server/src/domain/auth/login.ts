import type { DbOrTx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import { dummyPasswordHash, verifyPassword } from '../../security/passwords.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { SYSTEM_ORG, type Actor } from '../audit/audit-types.js';
import { checkTotp, recordForEveryOrg } from './totp.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export type LoginResult = { ok: true; userId: string } | { ok: false; error: AppError };

/**
 * Checks a sign-in. Failures are counted per account and lock it for a while after
 * MAX_FAILED_LOGINS; every attempt is an audit event. Returns rather than throws so the caller
 * can commit the failure count and the audit event before answering.
 */
export async function attemptLogin(
  db: DbOrTx,
  options: {
    email: string;
    password: string;
    totp?: string;
    ip: string | null;
    box: SecretBox;
    now?: Date;
  },
): Promise<LoginResult> {
  const now = options.now ?? new Date();
  const actor: Actor = { userId: null, label: options.email, ip: options.ip };
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', options.email)
    .executeTakeFirst();
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), options.password);
    await recordAuditEvent(db, {
      orgId: SYSTEM_ORG,
      actor,
      action: 'auth.sign_in',
      outcome: 'failure',
      details: { reason: 'unknown_account' },
    });
    return { ok: false, error: invalidCredentials() };
  }
  const userActor: Actor = { ...actor, userId: user.id };
  if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
    await recordForEveryOrg(db, {
      actor: userActor,
      userId: user.id,
      action: 'auth.sign_in_locked',
      outcome: 'failure',
    });
    const retryAfterSeconds = Math.ceil(
      (new Date(user.lockedUntil).getTime() - now.getTime()) / 1000,
    );
    return {
      ok: false,
      error: new AppError(
        'account_locked',
        `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes, or reset your password.`,
        { retryAfterSeconds },
      ),
    };
  }
  if (!(await verifyPassword(user.passwordHash, options.password))) {
    await countFailure(db, { user, actor: userActor, now });
    return { ok: false, error: invalidCredentials() };
  }
  if (user.totpEnabled) {
    if (!options.totp)
      return {
        ok: false,
        error: new AppError('totp_required', 'Enter the 6-digit code from your authenticator app.'),
      };
    if (!(await checkTotp(db, { userId: user.id, code: options.totp, box: options.box }))) {
      await countFailure(db, { user, actor: userActor, now });
      return {
        ok: false,
        error: new AppError(
          'totp_invalid',
          'That code did not match. Try the next code from your app.',
        ),
      };
    }
  }
  await db
    .updateTable('users')
    .set({ failedLogins: 0, lockedUntil: null })
    .where('id', '=', user.id)
    .execute();
  await recordForEveryOrg(db, { actor: userActor, userId: user.id, action: 'auth.sign_in' });
  return { ok: true, userId: user.id };
}

/** A wrong password or code counts toward the lockout; the fifth in a row locks the account. */
async function countFailure(
  db: DbOrTx,
  options: {
    user: { id: string; failedLogins: number; lockedUntil: string | null };
    actor: Actor;
    now: Date;
  },
): Promise<void> {
  const { user, now } = options;
  const failed = user.failedLogins + 1;
  const lock = failed >= MAX_FAILED_LOGINS;
  await db
    .updateTable('users')
    .set({
      failedLogins: lock ? 0 : failed,
      lockedUntil: lock
        ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString()
        : user.lockedUntil,
    })
    .where('id', '=', user.id)
    .execute();
  await recordForEveryOrg(db, {
    actor: options.actor,
    userId: user.id,
    action: lock ? 'auth.account_locked' : 'auth.sign_in',
    outcome: 'failure',
  });
}

const invalidCredentials = (): AppError =>
  new AppError('invalid_credentials', 'The email or password is not correct.');
