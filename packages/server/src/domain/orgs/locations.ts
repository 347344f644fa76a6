import type { DbOrTx } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Actor } from '../audit/audit-types.js';
import type { LocationInput } from './schemas.js';
import { locationView, type LocationView } from './views.js';

export async function listLocations(db: DbOrTx, orgId: string): Promise<LocationView[]> {
  const rows = await db
    .selectFrom('locations')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('name')
    .execute();
  return rows.map(locationView);
}

export async function createLocation(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; input: LocationInput },
): Promise<LocationView> {
  const now = new Date().toISOString();
  const id = newId();
  await db
    .insertInto('locations')
    .values({
      id,
      orgId: options.orgId,
      ...options.input,
      fax: options.input.fax ?? null,
      archived: 0,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await recordAuditEvent(db, {
    orgId: options.orgId,
    actor: options.actor,
    action: 'location.created',
    target: { type: 'location', id },
  });
  return getLocation(db, options.orgId, id);
}

/** Locations are archived, not deleted: posts, reviews and the audit trail keep pointing at them. */
export async function updateLocation(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    locationId: string;
    changes: Partial<LocationInput> & { archived?: boolean };
  },
): Promise<LocationView> {
  await getLocation(db, options.orgId, options.locationId);
  const { archived, fax, ...rest } = options.changes;
  await db
    .updateTable('locations')
    .set({
      ...rest,
      ...(fax !== undefined && { fax: fax ?? null }),
      ...(archived !== undefined && { archived: archived ? 1 : 0 }),
      updatedAt: new Date().toISOString(),
    })
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.locationId)
    .execute();
  await recordAuditEvent(db, {
    orgId: options.orgId,
    actor: options.actor,
    action:
      archived === undefined
        ? 'location.updated'
        : archived
          ? 'location.archived'
          : 'location.restored',
    target: { type: 'location', id: options.locationId },
    details: { changed: Object.keys(options.changes) },
  });
  return getLocation(db, options.orgId, options.locationId);
}

async function getLocation(db: DbOrTx, orgId: string, locationId: string): Promise<LocationView> {
  const row = await db
    .selectFrom('locations')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', locationId)
    .executeTakeFirst();
  if (!row) throw notFound('The location');
  return locationView(row);
}
