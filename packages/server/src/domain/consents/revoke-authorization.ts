import type { DbOrTx } from '../../db/database.js';
import { conflict, notFound } from '../../errors.js';
import { hashToken } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { loadAuthorization } from './authorization-rows.js';
import { endAuthorization, type EndReport } from './end-authorization.js';
import type { PostEffects } from './post-effects.js';

/**
 * Staff record a written revocation the practice received (letter, email, form at the desk). It
 * takes effect now, when the practice has it (164.508(b)(5); HHS FAQ).
 */
export async function revokeAuthorization(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; authorizationId: string; effects: PostEffects },
): Promise<EndReport> {
  const stored = await loadAuthorization(db, { orgId: options.orgId, id: options.authorizationId });
  if (stored.row.status === 'revoked') throw conflict('This authorization is already revoked.');
  if (stored.row.status === 'expired')
    throw conflict('This authorization has already expired; there is nothing to revoke.');
  return endAuthorization(db, {
    ...options,
    reason: 'revoked',
    revocationSource: 'staff_written',
    now: new Date(),
  });
}

/** What the revocation page shows: enough to recognise the form, nothing about the patient's health. */
export interface RevocationView {
  practiceName: string;
  status: 'signed' | 'revoked' | 'expired';
  signedAt: string | null;
  revokedAt: string | null;
}

async function findByToken(db: DbOrTx, token: string) {
  const row = await db
    .selectFrom('authorizations')
    .select(['id', 'orgId', 'status', 'practiceName', 'revokedAt', 'updatedAt'])
    .where('revocationTokenHash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) throw notFound('This revocation link');
  return row;
}

export async function revocationView(db: DbOrTx, token: string): Promise<RevocationView> {
  const row = await findByToken(db, token);
  const signature = await db
    .selectFrom('signatures')
    .select('signedAt')
    .where('authorizationId', '=', row.id)
    .executeTakeFirst();
  return {
    practiceName: row.practiceName,
    status: row.status === 'revoked' || row.status === 'expired' ? row.status : 'signed',
    signedAt: signature?.signedAt ?? null,
    revokedAt: row.revokedAt,
  };
}

/** The patient revokes through the link in their copy. Revoking twice is answered, not repeated. */
export async function revokeByPatientLink(
  db: DbOrTx,
  options: { token: string; actor: Actor; effects: PostEffects },
): Promise<RevocationView> {
  const row = await findByToken(db, options.token);
  if (row.status === 'signed') {
    await endAuthorization(db, {
      actor: options.actor,
      orgId: row.orgId,
      authorizationId: row.id,
      reason: 'revoked',
      revocationSource: 'patient_link',
      effects: options.effects,
      now: new Date(),
    });
  }
  return revocationView(db, options.token);
}
