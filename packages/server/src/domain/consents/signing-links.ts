import type { DbOrTx, Tx } from '../../db/database.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { hashToken, newId, newToken } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { loadAuthorization } from './authorization-rows.js';

/** How long a link works: a week in the patient's inbox, an hour on the office tablet. */
export const signingLinkLifetimeMs = { email: 7 * 24 * 3600_000, tablet: 3600_000 } as const;

export interface SigningLink {
  url: string;
  expiresAt: string;
  /** Where to mail it (email mode), or null. */
  email: string | null;
  practiceName: string;
}

/** The page a signing link opens: the public web route `/sign/:token`. */
export function signingUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/sign/${token}`;
}

/**
 * A new single-use signing link for an authorization that is not signed yet; any earlier link
 * stops working. Only the SHA-256 of the token is stored.
 */
export async function createSigningLink(
  tx: Tx,
  options: {
    actor: Actor;
    orgId: string;
    authorizationId: string;
    mode: 'email' | 'tablet';
    publicUrl: string;
  },
): Promise<SigningLink> {
  const stored = await loadAuthorization(tx, { orgId: options.orgId, id: options.authorizationId });
  const { row } = stored;
  if (row.source !== 'esign' || (row.status !== 'sent' && row.status !== 'draft')) {
    throw conflict('Only an authorization waiting for its signature can get a signing link.');
  }
  if (options.mode === 'email' && row.contactKind !== 'email') {
    throw new AppError(
      'validation_failed',
      'This patient has no email address; use tablet signing.',
      {
        fields: { mode: 'This patient has no email address; use tablet signing.' },
      },
    );
  }
  const now = new Date();
  await tx
    .updateTable('signingRequests')
    .set({ canceledAt: now.toISOString() })
    .where('authorizationId', '=', row.id)
    .where('usedAt', 'is', null)
    .where('canceledAt', 'is', null)
    .execute();
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + signingLinkLifetimeMs[options.mode]).toISOString();
  const id = newId();
  await tx
    .insertInto('signingRequests')
    .values({
      id,
      orgId: options.orgId,
      authorizationId: row.id,
      tokenHash: hash,
      mode: options.mode,
      createdBy: options.actor.userId ?? 'system',
      createdAt: now.toISOString(),
      expiresAt,
      usedAt: null,
      canceledAt: null,
    })
    .execute();
  await tx
    .updateTable('authorizations')
    .set({ status: 'sent', updatedAt: now.toISOString() })
    .where('id', '=', row.id)
    .execute();
  await recordAuditEvent(tx, {
    orgId: options.orgId,
    actor: options.actor,
    action: 'consent.signing_link_created',
    target: { type: 'authorization', id: row.id },
    details: { mode: options.mode, signingRequestId: id, expiresAt },
  });
  return {
    url: signingUrl(options.publicUrl, token),
    expiresAt,
    email: options.mode === 'email' ? row.contactValue : null,
    practiceName: row.practiceName,
  };
}

/** A signing link that can still be used, or a refusal that says why (unknown, used, expired). */
export async function findUsableSigningRequest(
  db: DbOrTx,
  options: { token: string; now: Date },
): Promise<{ id: string; orgId: string; authorizationId: string; expiresAt: string }> {
  const request = await db
    .selectFrom('signingRequests')
    .selectAll()
    .where('tokenHash', '=', hashToken(options.token))
    .executeTakeFirst();
  if (!request) throw notFound('This signing link');
  if (request.usedAt !== null) throw conflict('This signing link was already used.');
  if (request.canceledAt !== null)
    throw conflict(
      'This signing link was replaced by a newer one. Ask the practice to send it again.',
    );
  if (new Date(request.expiresAt) <= options.now)
    throw conflict('This signing link has expired. Ask the practice to send a new one.');
  return request;
}

/**
 * Marks the link used, once: two signatures racing for one link cannot both win (the update only
 * matches an unused link).
 */
export async function claimSigningRequest(
  tx: Tx,
  options: { token: string; now: Date },
): Promise<{ id: string; orgId: string; authorizationId: string }> {
  const request = await findUsableSigningRequest(tx, options);
  const claimed = await tx
    .updateTable('signingRequests')
    .set({ usedAt: options.now.toISOString() })
    .where('id', '=', request.id)
    .where('usedAt', 'is', null)
    .where('canceledAt', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw conflict('This signing link was already used.');
  return request;
}
