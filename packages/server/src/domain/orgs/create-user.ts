import type { DbOrTx } from '../../db/database.js';
import { conflict } from '../../errors.js';
import { hashPassword } from '../../security/passwords.js';
import { newId } from '../../security/tokens.js';

/** Adds a person who can sign in. Emails are unique across Bedside: one person, many organizations. */
export async function createUser(
  db: DbOrTx,
  options: { name: string; email: string; password: string; now?: Date },
): Promise<{ id: string }> {
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', options.email)
    .executeTakeFirst();
  if (existing) throw conflict('An account with this email already exists.');
  const now = (options.now ?? new Date()).toISOString();
  const id = newId();
  await db
    .insertInto('users')
    .values({
      id,
      email: options.email,
      name: options.name,
      passwordHash: await hashPassword(options.password),
      totpSecretSealed: null,
      totpEnabled: 0,
      totpLastStep: 0,
      failedLogins: 0,
      lockedUntil: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return { id };
}
