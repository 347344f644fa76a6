import type { DbOrTx } from '../../db/database.js';
import type { PracticePageRow } from '../../db/providers-schema.js';
import type { LocationRow } from '../../db/schema.js';
import { loadLicences, providerView, type ProviderView } from './provider-views.js';
import { listProviderPublications, type ProviderPublicationView } from './publications.js';
import type { RatingSummary, RatingSummarySource } from './rating-summary.js';

export interface PublicPageData {
  page: PracticePageRow;
  orgName: string;
  locations: LocationRow[];
  providers: ProviderView[];
  publications: Map<string, ProviderPublicationView[]>;
  practiceRating: RatingSummary | null;
  providerRatings: Map<string, RatingSummary | null>;
}

/** The published practice page row for a slug, or null: the cheap lookup every request makes. */
export async function findPracticePage(db: DbOrTx, slug: string): Promise<PracticePageRow | null> {
  const row = await db
    .selectFrom('practicePages')
    .selectAll()
    .where('slug', '=', slug)
    .where('published', '=', 1)
    .executeTakeFirst();
  return row ?? null;
}

/** Everything the practice's public pages show: published providers, confirmed publications, aggregate ratings if allowed. */
export async function loadPublicPageData(
  db: DbOrTx,
  options: { page: PracticePageRow; ratings: RatingSummarySource },
): Promise<PublicPageData> {
  const { page } = options;
  const org = await db
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', page.orgId)
    .executeTakeFirstOrThrow();
  const locations = await db
    .selectFrom('locations')
    .selectAll()
    .where('orgId', '=', page.orgId)
    .where('archived', '=', 0)
    .orderBy('createdAt')
    .execute();
  const rows = await db
    .selectFrom('providers')
    .selectAll()
    .where('orgId', '=', page.orgId)
    .where('published', '=', 1)
    .orderBy('lastName')
    .orderBy('firstName')
    .execute();
  const licences = await loadLicences(
    db,
    rows.map((r) => r.id),
  );
  const providers = rows.map((r) => providerView(r, licences.get(r.id) ?? []));
  const pubs = await listProviderPublications(db, {
    orgId: page.orgId,
    providerIds: providers.map((p) => p.id),
    confirmedOnly: true,
  });
  const publications = new Map<string, ProviderPublicationView[]>();
  for (const p of pubs)
    publications.set(p.providerId, [...(publications.get(p.providerId) ?? []), p]);
  const providerRatings = new Map<string, RatingSummary | null>();
  let practiceRating: RatingSummary | null = null;
  if (page.showRatings) {
    practiceRating = await options.ratings(db, { orgId: page.orgId, providerId: null });
    for (const p of providers)
      providerRatings.set(p.id, await options.ratings(db, { orgId: page.orgId, providerId: p.id }));
  }
  return {
    page,
    orgName: org.name,
    locations,
    providers,
    publications,
    practiceRating,
    providerRatings,
  };
}
