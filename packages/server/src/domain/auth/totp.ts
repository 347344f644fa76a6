import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { DbOrTx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import { verifyPassword } from '../../security/passwords.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Actor } from '../audit/audit-types.js';
import { userOrgIds } from './sessions.js';

/** Checks a 6-digit code, refusing a code already used (replay) and allowing ±1 step of clock drift. */
export async function checkTotp(
  db: DbOrTx,
  options: { userId: string; code: string; box: SecretBox },
): Promise<boolean> {
  const user = await db
    .selectFrom('users')
    .select(['totpSecretSealed', 'totpLastStep'])
    .where('id', '=', options.userId)
    .executeTakeFirstOrThrow();
  if (!user.totpSecretSealed || !/^\d{6}$/.test(options.code)) return false;
  const secret = options.box.open(user.totpSecretSealed);
  const result = await verify({
    secret,
    token: options.code,
    epochTolerance: 30,
    afterTimeStep: user.totpLastStep || undefined,
  }).catch(() => ({ valid: false as const }));
  if (!result.valid) return false;
  const timeStep = 'timeStep' in result ? result.timeStep : Math.floor(Date.now() / 30_000);
  await db
    .updateTable('users')
    .set({ totpLastStep: timeStep })
    .where('id', '=', options.userId)
    .execute();
  return true;
}

/** Starts two-factor setup: a new secret (sealed at rest) and the QR code an authenticator app scans. */
export async function beginTotpSetup(
  db: DbOrTx,
  options: { userId: string; box: SecretBox },
): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
  const user = await db
    .selectFrom('users')
    .select(['email', 'totpEnabled'])
    .where('id', '=', options.userId)
    .executeTakeFirstOrThrow();
  if (user.totpEnabled)
    throw new AppError(
      'conflict',
      'Two-factor sign-in is already on. Turn it off first to set up a new device.',
    );
  const secret = generateSecret();
  await db
    .updateTable('users')
    .set({ totpSecretSealed: options.box.seal(secret), totpLastStep: 0 })
    .where('id', '=', options.userId)
    .execute();
  const otpauthUrl = generateURI({ issuer: 'Bedside', label: user.email, secret });
  return {
    secret,
    otpauthUrl,
    qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }),
  };
}

export async function enableTotp(
  db: DbOrTx,
  options: { actor: Actor; userId: string; code: string; box: SecretBox },
): Promise<void> {
  if (!(await checkTotp(db, options)))
    throw new AppError(
      'totp_invalid',
      'That code did not match. Check the time on your phone and try the next code.',
    );
  await db
    .updateTable('users')
    .set({ totpEnabled: 1, updatedAt: new Date().toISOString() })
    .where('id', '=', options.userId)
    .execute();
  await recordForEveryOrg(db, { ...options, action: 'auth.totp_enabled' });
}

export async function disableTotp(
  db: DbOrTx,
  options: { actor: Actor; userId: string; password: string },
): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select('passwordHash')
    .where('id', '=', options.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.passwordHash, options.password)))
    throw new AppError('invalid_credentials', 'The password is not correct.');
  await db
    .updateTable('users')
    .set({
      totpEnabled: 0,
      totpSecretSealed: null,
      totpLastStep: 0,
      updatedAt: new Date().toISOString(),
    })
    .where('id', '=', options.userId)
    .execute();
  await recordForEveryOrg(db, { ...options, action: 'auth.totp_disabled' });
}

/** A person's security events belong to every organization they can act in. */
export async function recordForEveryOrg(
  db: DbOrTx,
  options: { actor: Actor; userId: string; action: string; outcome?: 'success' | 'failure' },
): Promise<void> {
  for (const orgId of await userOrgIds(db, options.userId)) {
    await recordAuditEvent(db, {
      orgId,
      actor: options.actor,
      action: options.action,
      target: { type: 'user', id: options.userId },
      outcome: options.outcome ?? 'success',
    });
  }
}
