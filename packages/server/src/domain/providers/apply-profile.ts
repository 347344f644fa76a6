import type { Tx } from '../../db/database.js';
import type { ProviderRow } from '../../db/providers-schema.js';
import { conflict, invalid } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import { checkBio } from './bio-check.js';
import { invalidatePublicPages } from './practice-page.js';
import {
  PROFILE_FIELD_NAMES,
  profileFieldsSchema,
  type ProfileChanges,
  type ProfileFields,
} from './profile-schema.js';
import { loadLicences, providerView } from './provider-views.js';

export interface FieldChange {
  field: keyof ProfileFields;
  before: unknown;
  after: unknown;
}

export async function currentFields(tx: Tx, row: ProviderRow): Promise<ProfileFields> {
  const licences = await loadLicences(tx, [row.id]);
  const { firstName, lastName, credentials, npi, ...rest } = providerView(
    row,
    licences.get(row.id) ?? [],
  );
  const fields = { firstName, lastName, credentials, npi } as Record<string, unknown>;
  for (const name of PROFILE_FIELD_NAMES) fields[name] ??= (rest as Record<string, unknown>)[name];
  return fields as ProfileFields;
}

/** The fields whose values the changes would really alter (compared as canonical JSON). */
export function diffFields(current: ProfileFields, changes: ProfileChanges): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of PROFILE_FIELD_NAMES) {
    if (!(field in changes)) continue;
    const after = changes[field];
    if (JSON.stringify(after) !== JSON.stringify(current[field]))
      out.push({ field, before: current[field], after });
  }
  return out;
}

/** Checks what the schema cannot: locations belong to the organization, the NPI is not another provider's, the bio passes the guard. */
export async function validateChanges(
  tx: Tx,
  options: { orgId: string; providerId: string | null; changes: ProfileChanges },
): Promise<void> {
  const { orgId, changes } = options;
  if (changes.locationIds?.length) {
    const found = await tx
      .selectFrom('locations')
      .select('id')
      .where('orgId', '=', orgId)
      .where('id', 'in', changes.locationIds)
      .execute();
    if (found.length !== new Set(changes.locationIds).size)
      throw invalid({ locationIds: 'Choose locations of this practice.' });
  }
  if (changes.npi) {
    const other = await tx
      .selectFrom('providers')
      .select('id')
      .where('orgId', '=', orgId)
      .where('npi', '=', changes.npi)
      .executeTakeFirst();
    if (other && other.id !== options.providerId)
      throw conflict('Another provider of this practice already has this NPI.');
  }
  if (changes.taxonomies && changes.taxonomies.filter((t) => t.primary).length > 1)
    throw invalid({ taxonomies: 'Mark at most one taxonomy as primary.' });
  if (changes.bio !== undefined) await checkBio(tx, { orgId, bio: changes.bio });
  if (changes.photo) {
    // The photo must be an image this organization uploaded, described as stored.
    const media = await tx
      .selectFrom('mediaAssets')
      .select(['width', 'height', 'mimeType'])
      .where('orgId', '=', orgId)
      .where('id', '=', changes.photo.mediaId)
      .executeTakeFirst();
    const { width, height, mimeType } = changes.photo;
    if (!media || media.width !== width || media.height !== height || media.mimeType !== mimeType)
      throw invalid({ photo: 'Upload the photo again.' });
  }
}

/** A profile with a photo must describe it: the alt text is what a screen reader says instead. */
export function checkPhotoAlt(merged: Pick<ProfileFields, 'photo' | 'photoAlt'>): void {
  if (merged.photo && !merged.photoAlt.trim())
    throw invalid({
      photoAlt: 'Describe the photo for people who cannot see it (alt text).',
    });
}

/** Writes the changes to the provider, its licences and the page cache version. No audit: callers record why. */
export async function applyChanges(
  tx: Tx,
  options: { row: ProviderRow; changes: ProfileChanges },
): Promise<void> {
  const { row, changes } = options;
  await validateChanges(tx, { orgId: row.orgId, providerId: row.id, changes });
  const merged = profileFieldsSchema.parse({ ...(await currentFields(tx, row)), ...changes });
  checkPhotoAlt(merged);
  const { firstName, lastName, credentials, npi, licences, ...profile } = merged;
  await tx
    .updateTable('providers')
    .set({
      firstName,
      lastName,
      credentials,
      npi,
      profile: JSON.stringify(profile),
      version: row.version + 1,
      updatedAt: new Date().toISOString(),
    })
    .where('id', '=', row.id)
    .execute();
  if (changes.licences) await replaceLicences(tx, { row, licences });
  await invalidatePublicPages(tx, row.orgId);
}

/** Replaces the licence rows, keeping the reminder mark of a licence whose expiry did not change. */
async function replaceLicences(
  tx: Tx,
  options: { row: ProviderRow; licences: ProfileFields['licences'] },
): Promise<void> {
  const old = await tx
    .selectFrom('providerLicences')
    .selectAll()
    .where('providerId', '=', options.row.id)
    .execute();
  await tx.deleteFrom('providerLicences').where('providerId', '=', options.row.id).execute();
  for (const l of options.licences) {
    const kept = old.find(
      (o) => o.state === l.state && o.number === l.number && o.expiresOn === l.expiresOn,
    );
    await tx
      .insertInto('providerLicences')
      .values({
        id: newId(),
        orgId: options.row.orgId,
        providerId: options.row.id,
        state: l.state,
        number: l.number,
        expiresOn: l.expiresOn,
        remindedFor: kept?.remindedFor ?? null,
      })
      .execute();
  }
}
