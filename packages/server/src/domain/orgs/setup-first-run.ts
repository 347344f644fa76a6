import type { DbOrTx } from '../../db/database.js';
import { conflict } from '../../errors.js';
import type { Actor } from '../audit/audit-types.js';
import { createOrganization } from './create-organization.js';
import { createUser } from './create-user.js';
import type { LocationInput } from './schemas.js';

export async function needsSetup(db: DbOrTx): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return !row;
}

/** First run: the owner, their organization and its first location — only while Bedside has no users. */
export async function setupFirstRun(
  db: DbOrTx,
  options: {
    ip: string | null;
    owner: { name: string; email: string; password: string };
    organization: { name: string; kind: 'practice' | 'agency' };
    location: LocationInput;
  },
): Promise<{ userId: string; orgId: string }> {
  if (!(await needsSetup(db))) throw conflict('Bedside is already set up. Sign in instead.');
  const { id: userId } = await createUser(db, options.owner);
  const actor: Actor = { userId, label: options.owner.email, ip: options.ip };
  const { orgId } = await createOrganization(db, {
    actor,
    ownerId: userId,
    ...options.organization,
    location: options.location,
  });
  return { userId, orgId };
}
