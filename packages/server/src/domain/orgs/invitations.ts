import type { DbOrTx } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import { AppError, conflict, forbidden, notFound } from '../../errors.js';
import type { Mailer } from '../../mail/mailer.js';
import { hashToken, newId, newToken } from '../../security/tokens.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Actor } from '../audit/audit-types.js';
import { canAssignRole } from '../policy/policy.js';
import { verifyPassword } from '../../security/passwords.js';
import { addMembership } from './create-organization.js';
import { createUser } from './create-user.js';

const INVITATION_DAYS = 7;

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
  createdAt: string;
  expiresAt: string;
}

export async function listInvitations(
  db: DbOrTx,
  orgId: string,
  now = new Date(),
): Promise<InvitationView[]> {
  const rows = await db
    .selectFrom('invitations')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    status: r.status === 'pending' && r.expiresAt < now.toISOString() ? 'expired' : r.status,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
  }));
}

/** Invites someone by emailed link. The link carries a token whose hash alone is stored. */
export async function createInvitation(
  db: DbOrTx,
  options: {
    actor: Actor;
    actorRole: Role;
    orgId: string;
    email: string;
    role: Role;
    mailer: Mailer;
    publicUrl: string;
  },
): Promise<InvitationView> {
  if (!canAssignRole(options.actorRole, null, options.role))
    throw forbidden('Only an owner can invite another owner.');
  const member = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select('users.id')
    .where('memberships.orgId', '=', options.orgId)
    .where('users.email', '=', options.email)
    .executeTakeFirst();
  if (member) throw conflict('This person is already a member.');
  const now = new Date();
  const { token, hash } = newToken();
  const id = newId();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString();
  await db
    .updateTable('invitations')
    .set({ status: 'revoked' })
    .where('orgId', '=', options.orgId)
    .where('email', '=', options.email)
    .where('status', '=', 'pending')
    .execute();
  await db
    .insertInto('invitations')
    .values({
      id,
      orgId: options.orgId,
      email: options.email,
      role: options.role,
      tokenHash: hash,
      status: 'pending',
      invitedBy: options.actor.userId ?? 'system',
      createdAt: now.toISOString(),
      expiresAt,
      acceptedAt: null,
    })
    .execute();
  const org = await db
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', options.orgId)
    .executeTakeFirstOrThrow();
  await recordAuditEvent(db, {
    orgId: options.orgId,
    actor: options.actor,
    action: 'invitation.created',
    target: { type: 'invitation', id },
    details: { role: options.role },
  });
  await options.mailer.send({
    to: options.email,
    subject: `You are invited to ${org.name} on Bedside`,
    text: [
      `${options.actor.label} invited you to join ${org.name} on Bedside as ${options.role.replace('_', ' ')}.`,
      '',
      `Accept the invitation: ${options.publicUrl}/invite/${token}`,
      '',
      `The link works once and expires in ${INVITATION_DAYS} days. If you did not expect it, ignore this mail.`,
    ].join('\n'),
  });
  return {
    id,
    email: options.email,
    role: options.role,
    status: 'pending',
    createdAt: now.toISOString(),
    expiresAt,
  };
}

export async function revokeInvitation(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; invitationId: string },
): Promise<void> {
  const result = await db
    .updateTable('invitations')
    .set({ status: 'revoked' })
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.invitationId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('A pending invitation');
  await recordAuditEvent(db, {
    orgId: options.orgId,
    actor: options.actor,
    action: 'invitation.revoked',
    target: { type: 'invitation', id: options.invitationId },
  });
}

async function pendingInvitation(db: DbOrTx, token: string) {
  const row = await db
    .selectFrom('invitations')
    .innerJoin('organizations', 'organizations.id', 'invitations.orgId')
    .select([
      'invitations.id',
      'invitations.orgId',
      'invitations.email',
      'invitations.role',
      'invitations.status',
      'invitations.expiresAt',
      'organizations.name as orgName',
    ])
    .where('invitations.tokenHash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.status !== 'pending') throw notFound('This invitation');
  if (row.expiresAt < new Date().toISOString())
    throw new AppError('not_found', 'This invitation has expired. Ask for a new one.');
  return row;
}

export async function describeInvitation(
  db: DbOrTx,
  token: string,
): Promise<{ email: string; orgName: string; role: Role }> {
  const row = await pendingInvitation(db, token);
  return { email: row.email, orgName: row.orgName, role: row.role };
}

/**
 * Accepts an invitation: a new person sets their name and password; a person who already has an
 * account joins with the password they have.
 */
export async function acceptInvitation(
  db: DbOrTx,
  options: { token: string; name: string; password: string; ip: string | null },
): Promise<{ userId: string; orgId: string }> {
  const invitation = await pendingInvitation(db, options.token);
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', invitation.email)
    .executeTakeFirst();
  const userId =
    existing?.id ??
    (
      await createUser(db, {
        name: options.name,
        email: invitation.email,
        password: options.password,
      })
    ).id;
  if (existing) {
    const user = await db
      .selectFrom('users')
      .select('passwordHash')
      .where('id', '=', existing.id)
      .executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.passwordHash, options.password))) {
      throw new AppError(
        'invalid_credentials',
        'You already have a Bedside account: enter its password to join.',
      );
    }
  }
  const now = new Date().toISOString();
  await addMembership(db, { orgId: invitation.orgId, userId, role: invitation.role, now });
  await db
    .updateTable('invitations')
    .set({ status: 'accepted', acceptedAt: now })
    .where('id', '=', invitation.id)
    .execute();
  const actor: Actor = { userId, label: invitation.email, ip: options.ip };
  await recordAuditEvent(db, {
    orgId: invitation.orgId,
    actor,
    action: 'invitation.accepted',
    target: { type: 'invitation', id: invitation.id },
  });
  await recordAuditEvent(db, {
    orgId: invitation.orgId,
    actor,
    action: 'member.role_granted',
    target: { type: 'user', id: userId },
    details: { role: invitation.role },
  });
  return { userId, orgId: invitation.orgId };
}
