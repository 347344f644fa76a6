import type { DbOrTx } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import { conflict, forbidden, notFound } from '../../errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Actor } from '../audit/audit-types.js';
import { canAssignRole } from '../policy/policy.js';
import type { MemberView } from './views.js';

export async function listMembers(db: DbOrTx, orgId: string): Promise<MemberView[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select([
      'users.id as userId',
      'users.name',
      'users.email',
      'memberships.role',
      'users.totpEnabled',
      'memberships.createdAt',
    ])
    .where('memberships.orgId', '=', orgId)
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    email: r.email,
    role: r.role,
    totpEnabled: r.totpEnabled === 1,
    joinedAt: r.createdAt,
  }));
}

interface MemberChange {
  actor: Actor;
  actorRole: Role;
  orgId: string;
  userId: string;
}

export async function changeMemberRole(
  db: DbOrTx,
  options: MemberChange & { role: Role },
): Promise<MemberView> {
  const current = await currentRole(db, options);
  if (!canAssignRole(options.actorRole, current, options.role)) {
    throw forbidden('Only an owner can grant or remove the owner role.');
  }
  if (current === 'owner' && options.role !== 'owner') await ensureAnotherOwner(db, options.orgId);
  await db
    .updateTable('memberships')
    .set({ role: options.role })
    .where('orgId', '=', options.orgId)
    .where('userId', '=', options.userId)
    .execute();
  await recordAuditEvent(db, {
    orgId: options.orgId,
    actor: options.actor,
    action: 'member.role_changed',
    target: { type: 'user', id: options.userId },
    details: { from: current, to: options.role },
  });
  const member = (await listMembers(db, options.orgId)).find((m) => m.userId === options.userId);
  if (!member) throw notFound('The member');
  return member;
}

/** Refusals are recorded as `denied` audit events by the boundary, after this transaction rolls back. */

/** Removes a person from the organization and ends their sessions there. */
export async function removeMember(db: DbOrTx, options: MemberChange): Promise<void> {
  const current = await currentRole(db, options);
  if (!canAssignRole(options.actorRole, current, null)) {
    throw forbidden('Only an owner can remove an owner.');
  }
  if (current === 'owner') await ensureAnotherOwner(db, options.orgId);
  await db
    .deleteFrom('memberships')
    .where('orgId', '=', options.orgId)
    .where('userId', '=', options.userId)
    .execute();
  await recordAuditEvent(db, {
    orgId: options.orgId,
    actor: options.actor,
    action: 'member.removed',
    target: { type: 'user', id: options.userId },
    details: { role: current },
  });
}

async function currentRole(db: DbOrTx, options: { orgId: string; userId: string }): Promise<Role> {
  const row = await db
    .selectFrom('memberships')
    .select('role')
    .where('orgId', '=', options.orgId)
    .where('userId', '=', options.userId)
    .executeTakeFirst();
  if (!row) throw notFound('The member');
  return row.role;
}

async function ensureAnotherOwner(db: DbOrTx, orgId: string): Promise<void> {
  const { count } = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('orgId', '=', orgId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  if (Number(count) <= 1)
    throw conflict('An organization needs at least one owner. Make someone else an owner first.');
}
