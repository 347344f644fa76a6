import type { DbOrTx } from '../../db/database.js';
import type { PracticePageRow } from '../../db/providers-schema.js';
import { markPagesChanged } from './page-freshness.js';
import { slugify, uniqueSlug } from './slug.js';

/** The practice's public page settings, created on first use with a slug from its name. */
export async function ensurePracticePage(db: DbOrTx, orgId: string): Promise<PracticePageRow> {
  const existing = await db
    .selectFrom('practicePages')
    .selectAll()
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  if (existing) return existing;
  const org = await db
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  const taken = await db
    .selectFrom('practicePages')
    .select('slug')
    .where('slug', 'like', `${slugify(org.name)}%`)
    .execute();
  const row: PracticePageRow = {
    orgId,
    slug: uniqueSlug(
      slugify(org.name),
      taken.map((t) => t.slug),
    ),
    published: 1,
    appointmentUrl: null,
    showRatings: 0,
    description: '',
    cacheVersion: 1,
    updatedAt: new Date().toISOString(),
  };
  await db.insertInto('practicePages').values(row).execute();
  return row;
}

/**
 * Marks every cached public page of the organization stale. Call it in the transaction of the
 * change: pages compare this version on each request, so every server process sees it at once.
 */
export async function invalidatePublicPages(db: DbOrTx, orgId: string): Promise<void> {
  await ensurePracticePage(db, orgId);
  await db
    .updateTable('practicePages')
    .set((eb) => ({ cacheVersion: eb('cacheVersion', '+', 1) }))
    .where('orgId', '=', orgId)
    .execute();
  markPagesChanged(orgId);
}
