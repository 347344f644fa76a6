import type { DbOrTx, Tx } from '../../db/database.js';
import type { Actor } from '../audit/audit-types.js';
import { createProvider } from './providers.js';
import { applyChanges } from './apply-profile.js';
import { requireProvider } from './provider-views.js';

/**
 * The demo practice's six clinicians as provider records: names, NPIs (synthetic, with valid
 * check digits, matching fixtures/demo-nppes.csv) and offices. Taxonomies and licences are left
 * for the NPPES import, so the demo shows an import and its diff.
 */
export const demoProviders = [
  {
    local: 'dr.hart',
    firstName: 'Amelia',
    lastName: 'Hart',
    credentials: 'MD',
    npi: '1904000019',
    office: 0,
    bio: 'Family physician who likes long-term care of whole families, from newborns to grandparents.',
  },
  {
    local: 'dr.osei',
    firstName: 'Samuel',
    lastName: 'Osei',
    credentials: 'MD',
    npi: '1904000027',
    office: 0,
    bio: 'Internist focused on prevention and on making chronic conditions manageable.',
  },
  {
    local: 'dr.moreno',
    firstName: 'Lucia',
    lastName: 'Moreno',
    credentials: 'DO',
    npi: '1904000035',
    office: 0,
    bio: 'Pediatrician; reads aloud at every well-child visit.',
  },
  {
    local: 'dr.clarke',
    firstName: 'Benjamin',
    lastName: 'Clarke',
    credentials: 'MD',
    npi: '1904000043',
    office: 1,
    bio: 'Cardiologist at our Denver office.',
  },
  {
    local: 'n.patel',
    firstName: 'Nina',
    lastName: 'Patel',
    credentials: 'NP',
    npi: '1904000050',
    office: 0,
    bio: 'Family nurse practitioner.',
  },
  {
    local: 'e.brooks',
    firstName: 'Ethan',
    lastName: 'Brooks',
    credentials: 'PA-C',
    npi: '1904000068',
    office: 1,
    bio: 'Physician assistant in internal medicine.',
  },
] as const;

export async function createDemoProviders(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; userIdByLocal: Map<string, string> },
): Promise<void> {
  const locations = await db
    .selectFrom('locations')
    .select('id')
    .where('orgId', '=', options.orgId)
    .orderBy('createdAt')
    .execute();
  const run = async (tx: Tx) => {
    for (const p of demoProviders) {
      const created = await createProvider(tx, {
        actor: options.actor,
        orgId: options.orgId,
        input: {
          firstName: p.firstName,
          lastName: p.lastName,
          credentials: p.credentials,
          npi: p.npi,
          userId: options.userIdByLocal.get(p.local) ?? null,
        },
      });
      const row = await requireProvider(tx, { orgId: options.orgId, providerId: created.id });
      const office = locations[p.office] ?? locations[0];
      await applyChanges(tx, {
        row,
        changes: {
          bio: p.bio,
          languages: ['English'],
          acceptingNewPatients: true,
          telehealth: p.office === 0,
          locationIds: office ? [office.id] : [],
        },
      });
    }
  };
  await (db.isTransaction ? run(db as Tx) : db.transaction().execute(run));
}
