import type { DbOrTx, Tx } from '../../db/database.js';
import type { LocationRow } from '../../db/schema.js';
import { invalid, notFound } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { napMismatches, type NapMismatch } from './nap.js';
import { displayName } from './provider-views.js';

export const directories = [
  'google',
  'healthgrades',
  'vitals',
  'zocdoc',
  'webmd',
  'yelp',
  'facebook',
  'bing',
  'apple_maps',
  'other',
] as const;
export type Directory = (typeof directories)[number];

export interface ListingInput {
  providerId: string | null;
  locationId: string;
  directory: Directory;
  url: string | null;
  name: string;
  address: string;
  phone: string;
}

export interface ListingView extends ListingInput {
  id: string;
  seenAt: string;
  /** What the master record says, and every field where the directory differs from it. */
  master: { name: string; address: string; phone: string };
  mismatches: NapMismatch[];
}

/** Records where the practice or a provider is listed, with the name, address and phone as seen there. */
export async function recordListing(
  tx: Tx,
  options: { actor: Actor; orgId: string; input: ListingInput },
): Promise<ListingView> {
  const { actor, orgId, input } = options;
  const location = await tx
    .selectFrom('locations')
    .select('id')
    .where('orgId', '=', orgId)
    .where('id', '=', input.locationId)
    .executeTakeFirst();
  if (!location) throw invalid({ locationId: 'Choose one of your locations.' });
  if (input.providerId) {
    const provider = await tx
      .selectFrom('providers')
      .select('id')
      .where('orgId', '=', orgId)
      .where('id', '=', input.providerId)
      .executeTakeFirst();
    if (!provider) throw invalid({ providerId: 'Choose one of your providers.' });
  }
  const now = new Date().toISOString();
  const id = newId();
  await tx
    .insertInto('providerListings')
    .values({ id, orgId, ...input, seenAt: now, createdAt: now })
    .execute();
  await recordAuditEvent(tx, {
    orgId,
    actor,
    action: 'listing.recorded',
    target: { type: 'listing', id },
    details: { directory: input.directory, provider: input.providerId !== null },
  });
  const views = await listListings(tx, orgId);
  return views.find((v) => v.id === id)!;
}

export async function deleteListing(
  tx: Tx,
  options: { actor: Actor; orgId: string; listingId: string },
): Promise<void> {
  const deleted = await tx
    .deleteFrom('providerListings')
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.listingId)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw notFound('The listing');
  await recordAuditEvent(tx, {
    orgId: options.orgId,
    actor: options.actor,
    action: 'listing.deleted',
    target: { type: 'listing', id: options.listingId },
  });
}

/** What the directories should show for the practice or a provider at a location: the master record. */
export function masterRecord(
  orgName: string,
  location: LocationRow,
  provider: { firstName: string; lastName: string; credentials: string } | undefined,
): { master: ListingView['master']; names: string[] } {
  const p = provider;
  const names = p
    ? [
        displayName(p),
        `${p.firstName} ${p.lastName}`,
        `${p.firstName} ${p.lastName} ${p.credentials}`,
      ]
    : [orgName, location.name];
  return {
    names,
    master: {
      name: names[0]!,
      address: `${location.address}, ${location.city}, ${location.state} ${location.zip}`,
      phone: location.phone,
    },
  };
}

/** Every listing with its mismatches against the master record (the location, and the provider's name). */
export async function listListings(db: DbOrTx, orgId: string): Promise<ListingView[]> {
  const rows = await db
    .selectFrom('providerListings')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('directory')
    .orderBy('createdAt')
    .execute();
  const org = await db
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  const locations = new Map(
    (await db.selectFrom('locations').selectAll().where('orgId', '=', orgId).execute()).map((l) => [
      l.id,
      l,
    ]),
  );
  const providers = new Map(
    (
      await db
        .selectFrom('providers')
        .select(['id', 'firstName', 'lastName', 'credentials'])
        .where('orgId', '=', orgId)
        .execute()
    ).map((p) => [p.id, p]),
  );
  return rows.map((r) => {
    const l = locations.get(r.locationId)!;
    const p = r.providerId ? providers.get(r.providerId) : undefined;
    const { master, names } = masterRecord(org.name, l, p);
    return {
      id: r.id,
      providerId: r.providerId,
      locationId: r.locationId,
      directory: r.directory as Directory,
      url: r.url,
      name: r.name,
      address: r.address,
      phone: r.phone,
      seenAt: r.seenAt,
      master,
      mismatches: napMismatches(r, { ...master, names }),
    };
  });
}
