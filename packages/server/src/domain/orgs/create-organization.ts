import type { DbOrTx } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import { newId } from '../../security/tokens.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Actor } from '../audit/audit-types.js';
import type { LocationInput } from './schemas.js';

/** A new organization with its first location and its owner's membership. */
export async function createOrganization(
  db: DbOrTx,
  options: {
    actor: Actor;
    ownerId: string;
    name: string;
    kind: 'practice' | 'agency';
    location: LocationInput;
    now?: Date;
  },
): Promise<{ orgId: string; locationId: string }> {
  const now = (options.now ?? new Date()).toISOString();
  const orgId = newId();
  const locationId = newId();
  await db
    .insertInto('organizations')
    .values({
      id: orgId,
      name: options.name,
      kind: options.kind,
      requireTotp: 0,
      idleTimeoutMinutes: 15,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await db
    .insertInto('locations')
    .values({
      id: locationId,
      orgId,
      ...options.location,
      fax: options.location.fax ?? null,
      archived: 0,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await addMembership(db, { orgId, userId: options.ownerId, role: 'owner', now });
  await recordAuditEvent(db, {
    orgId,
    actor: options.actor,
    action: 'org.created',
    target: { type: 'organization', id: orgId },
  });
  await recordAuditEvent(db, {
    orgId,
    actor: options.actor,
    action: 'member.role_granted',
    target: { type: 'user', id: options.ownerId },
    details: { role: 'owner' },
  });
  await recordAuditEvent(db, {
    orgId,
    actor: options.actor,
    action: 'location.created',
    target: { type: 'location', id: locationId },
  });
  return { orgId, locationId };
}

export async function addMembership(
  db: DbOrTx,
  options: { orgId: string; userId: string; role: Role; now: string },
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({
      orgId: options.orgId,
      userId: options.userId,
      role: options.role,
      createdAt: options.now,
    })
    .execute();
}
