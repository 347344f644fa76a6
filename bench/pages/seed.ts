import { readFileSync } from 'node:fs';
import { loadConfig } from '../../packages/server/src/config/config.js';
import { openDatabase } from '../../packages/server/src/db/database.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { createDemoOrganization } from '../../packages/server/src/domain/demo/create-demo-organization.js';
import { importNppes } from '../../packages/server/src/domain/providers/import-nppes.js';
import { decideProviderChange } from '../../packages/server/src/domain/providers/providers.js';
import {
  decidePublication,
  importPublications,
} from '../../packages/server/src/domain/providers/publications.js';
import { updatePracticePage } from '../../packages/server/src/domain/providers/practice-page-settings.js';

const fixtures = new URL('../../packages/server/src/domain/providers/fixtures/', import.meta.url);

/**
 * The demo practice as a visitor would find it after the providers journey: NPPES data imported
 * and approved by each clinician, publications imported and confirmed, an appointment link set.
 */
export async function seedDemoPractice(
  dataDir: string,
): Promise<{ slug: string; providerSlugs: string[] }> {
  const config = loadConfig({ BEDSIDE_DATA_DIR: dataDir });
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(handle);
    const { db } = handle;
    const { orgId, accounts } = await db.transaction().execute((tx) => createDemoOrganization(tx));
    const ownerRow = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', accounts[0]!.email)
      .executeTakeFirstOrThrow();
    const owner = { userId: ownerRow.id, label: 'bench', ip: null, role: 'owner' as const };
    await db.transaction().execute((tx) =>
      importNppes(tx, {
        actor: owner,
        orgId,
        input: {
          csv: readFileSync(new URL('demo-nppes.csv', fixtures), 'utf8'),
          addNpis: [],
          apply: true,
        },
      }),
    );
    await db.transaction().execute((tx) =>
      importPublications(tx, {
        actor: owner,
        orgId,
        input: { xml: readFileSync(new URL('demo-pubmed.xml', fixtures), 'utf8'), pmids: [] },
      }),
    );
    const pending = await db
      .selectFrom('providerChanges')
      .innerJoin('providers', 'providers.id', 'providerChanges.providerId')
      .select(['providerChanges.id', 'providers.userId'])
      .where('providerChanges.orgId', '=', orgId)
      .where('providerChanges.status', '=', 'pending')
      .execute();
    for (const change of pending) {
      const actor = { userId: change.userId, label: 'bench', ip: null };
      await db
        .transaction()
        .execute((tx) =>
          decideProviderChange(tx, { actor, orgId, changeId: change.id, approve: true }),
        );
    }
    const links = await db
      .selectFrom('providerPublications')
      .innerJoin('providers', 'providers.id', 'providerPublications.providerId')
      .select([
        'providerPublications.providerId',
        'providerPublications.publicationId',
        'providers.userId',
      ])
      .where('providerPublications.orgId', '=', orgId)
      .execute();
    for (const l of links) {
      const actor = { userId: l.userId, label: 'bench', ip: null, role: 'clinician' as const };
      await db.transaction().execute((tx) =>
        decidePublication(tx, {
          actor,
          orgId,
          providerId: l.providerId,
          publicationId: l.publicationId,
          confirm: true,
        }),
      );
    }
    const page = await db.transaction().execute((tx) =>
      updatePracticePage(tx, {
        actor: owner,
        orgId,
        publicUrl: config.publicUrl,
        input: {
          appointmentUrl: 'https://booking.riverbend.example/appointments',
          description: 'Family care in Portland and Denver.',
        },
      }),
    );
    const providers = await db
      .selectFrom('providers')
      .select('slug')
      .where('orgId', '=', orgId)
      .execute();
    return { slug: page.slug, providerSlugs: providers.map((p) => p.slug) };
  } finally {
    await handle.close();
  }
}
