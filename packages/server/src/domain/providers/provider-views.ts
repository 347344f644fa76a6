import type { DbOrTx } from '../../db/database.js';
import type { ProviderRow } from '../../db/providers-schema.js';
import { notFound } from '../../errors.js';
import { taxonomyName } from './taxonomy.js';
import { emptyStoredProfile, type ProfileFields, type StoredProfile } from './profile-schema.js';

export interface ProviderView extends ProfileFields {
  id: string;
  userId: string | null;
  slug: string;
  displayName: string;
  /** The NUCC names of `taxonomies`, in order (the code itself when it is not in the list). */
  specialties: string[];
  published: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function storedProfile(row: Pick<ProviderRow, 'profile'>): StoredProfile {
  return { ...emptyStoredProfile, ...(JSON.parse(row.profile) as Partial<StoredProfile>) };
}

export function displayName(p: {
  firstName: string;
  lastName: string;
  credentials: string;
}): string {
  const name = `${p.firstName} ${p.lastName}`;
  return p.credentials ? `${name}, ${p.credentials}` : name;
}

export async function loadLicences(
  db: DbOrTx,
  providerIds: string[],
): Promise<Map<string, ProfileFields['licences']>> {
  const byProvider = new Map<string, ProfileFields['licences']>();
  if (providerIds.length === 0) return byProvider;
  const rows = await db
    .selectFrom('providerLicences')
    .select(['providerId', 'state', 'number', 'expiresOn'])
    .where('providerId', 'in', providerIds)
    .orderBy('state')
    .orderBy('number')
    .execute();
  for (const r of rows) {
    const list = byProvider.get(r.providerId) ?? [];
    list.push({ state: r.state, number: r.number, expiresOn: r.expiresOn });
    byProvider.set(r.providerId, list);
  }
  return byProvider;
}

export function providerView(row: ProviderRow, licences: ProfileFields['licences']): ProviderView {
  const profile = storedProfile(row);
  return {
    id: row.id,
    userId: row.userId,
    slug: row.slug,
    displayName: displayName(row),
    specialties: profile.taxonomies.map((t) => taxonomyName(t.code)),
    published: row.published === 1,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    firstName: row.firstName,
    lastName: row.lastName,
    credentials: row.credentials,
    npi: row.npi,
    licences,
    ...profile,
  };
}

export async function requireProvider(
  db: DbOrTx,
  options: { orgId: string; providerId: string },
): Promise<ProviderRow> {
  const row = await db
    .selectFrom('providers')
    .selectAll()
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.providerId)
    .executeTakeFirst();
  if (!row) throw notFound('The provider');
  return row;
}

export async function listProviders(db: DbOrTx, orgId: string): Promise<ProviderView[]> {
  const rows = await db
    .selectFrom('providers')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('lastName')
    .orderBy('firstName')
    .execute();
  const licences = await loadLicences(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => providerView(r, licences.get(r.id) ?? []));
}

export async function getProvider(
  db: DbOrTx,
  options: { orgId: string; providerId: string },
): Promise<ProviderView> {
  const row = await requireProvider(db, options);
  const licences = await loadLicences(db, [row.id]);
  return providerView(row, licences.get(row.id) ?? []);
}
