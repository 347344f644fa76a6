import type { DbOrTx, Tx } from '../../db/database.js';
import type { ProviderPublicationStatus } from '../../db/providers-schema.js';
import { forbidden, notFound } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { can } from '../policy/policy.js';
import type { Role } from '../../db/schema.js';
import { formatCitation } from './bibliography.js';
import { invalidatePublicPages } from './practice-page.js';
import { parsePubmedXml, pubmedFileError, type PubmedAuthor } from './pubmed-xml.js';
import { requireProvider } from './provider-views.js';

export interface PublicationImportResult {
  imported: number;
  alreadyKnown: number;
  suggestions: number;
}

/** Case and accents folded, for matching an author to a provider. */
function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

export function authorMatches(
  author: PubmedAuthor,
  provider: { firstName: string; lastName: string },
): boolean {
  if (fold(author.lastName) !== fold(provider.lastName)) return false;
  const initial = fold(author.initials || author.foreName).charAt(0);
  return initial !== '' && initial === fold(provider.firstName).charAt(0);
}

/**
 * Imports a PubMed XML file (or only the listed PMIDs, each of which must be in it). Articles an
 * author of which matches a provider's name are suggested to that provider, who confirms or
 * rejects them. Runs in the caller's transaction: a bad file imports nothing.
 */
export async function importPublications(
  tx: Tx,
  options: { actor: Actor; orgId: string; input: { xml: string; pmids: string[] } },
): Promise<PublicationImportResult> {
  const { actor, orgId, input } = options;
  let articles = parsePubmedXml(input.xml);
  if (input.pmids.length > 0) {
    const byPmid = new Map(articles.map((a) => [a.pmid, a]));
    const missing = input.pmids.filter((p) => !byPmid.has(p));
    if (missing.length > 0)
      throw pubmedFileError(
        1,
        `PMID ${missing.slice(0, 5).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in the file.`,
      );
    articles = [...new Set(input.pmids)].map((p) => byPmid.get(p)!);
  }
  const providers = await tx
    .selectFrom('providers')
    .select(['id', 'firstName', 'lastName'])
    .where('orgId', '=', orgId)
    .execute();
  const result: PublicationImportResult = { imported: 0, alreadyKnown: 0, suggestions: 0 };
  const now = new Date().toISOString();
  for (const a of articles) {
    const existing = await tx
      .selectFrom('publications')
      .select('id')
      .where('orgId', '=', orgId)
      .where('pmid', '=', a.pmid)
      .executeTakeFirst();
    let publicationId = existing?.id;
    if (publicationId) result.alreadyKnown += 1;
    else {
      publicationId = newId();
      const { line: _line, authors, ...fields } = a;
      await tx
        .insertInto('publications')
        .values({
          id: publicationId,
          orgId,
          ...fields,
          authors: JSON.stringify(authors),
          createdAt: now,
        })
        .execute();
      result.imported += 1;
    }
    for (const p of providers) {
      if (!a.authors.some((author) => authorMatches(author, p))) continue;
      const inserted = await tx
        .insertInto('providerPublications')
        .values({
          orgId,
          providerId: p.id,
          publicationId,
          status: 'suggested',
          decidedBy: null,
          decidedAt: null,
          createdAt: now,
        })
        .onConflict((oc) => oc.columns(['providerId', 'publicationId']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) result.suggestions += 1;
    }
  }
  await recordAuditEvent(tx, {
    orgId,
    actor,
    action: 'publication.imported',
    details: { ...result },
  });
  return result;
}

export interface ProviderPublicationView {
  publicationId: string;
  providerId: string;
  pmid: string;
  status: ProviderPublicationStatus;
  citation: string;
  title: string;
  year: string | null;
  doi: string | null;
}

/** A provider's publications (all statuses, or only confirmed for the public page), newest first. */
export async function listProviderPublications(
  db: DbOrTx,
  options: { orgId: string; providerIds: string[]; confirmedOnly?: boolean },
): Promise<ProviderPublicationView[]> {
  if (options.providerIds.length === 0) return [];
  let q = db
    .selectFrom('providerPublications')
    .innerJoin('publications', 'publications.id', 'providerPublications.publicationId')
    .selectAll('publications')
    .select(['providerPublications.providerId', 'providerPublications.status'])
    .where('providerPublications.orgId', '=', options.orgId)
    .where('providerPublications.providerId', 'in', options.providerIds);
  if (options.confirmedOnly) q = q.where('providerPublications.status', '=', 'confirmed');
  const rows = await q
    .orderBy('publications.year', 'desc')
    .orderBy('publications.pmid', 'desc')
    .execute();
  return rows.map((r) => ({
    publicationId: r.id,
    providerId: r.providerId,
    pmid: r.pmid,
    status: r.status,
    title: r.title,
    year: r.year,
    doi: r.doi,
    citation: formatCitation({ ...r, authors: JSON.parse(r.authors) as PubmedAuthor[] }),
  }));
}

/** The provider says whether an article is theirs; only confirmed ones reach the public page. */
export async function decidePublication(
  tx: Tx,
  options: {
    actor: Actor & { role: Role };
    orgId: string;
    providerId: string;
    publicationId: string;
    confirm: boolean;
  },
): Promise<{ status: ProviderPublicationStatus }> {
  const { actor, orgId } = options;
  const provider = await requireProvider(tx, { orgId, providerId: options.providerId });
  const link = await tx
    .selectFrom('providerPublications')
    .select('status')
    .where('orgId', '=', orgId)
    .where('providerId', '=', provider.id)
    .where('publicationId', '=', options.publicationId)
    .executeTakeFirst();
  if (!link) throw notFound('The publication');
  // The clinician decides; for a provider with no account, whoever manages profiles does.
  const allowed =
    provider.userId === null
      ? can(actor.role, 'provider.manage')
      : provider.userId === actor.userId;
  if (!allowed) throw forbidden('Only the provider can say which articles are theirs.');
  const status = options.confirm ? 'confirmed' : 'rejected';
  await tx
    .updateTable('providerPublications')
    .set({ status, decidedBy: actor.userId, decidedAt: new Date().toISOString() })
    .where('providerId', '=', provider.id)
    .where('publicationId', '=', options.publicationId)
    .execute();
  await invalidatePublicPages(tx, orgId);
  await recordAuditEvent(tx, {
    orgId,
    actor,
    action: options.confirm ? 'publication.confirmed' : 'publication.rejected',
    target: { type: 'provider', id: provider.id },
    details: { publicationId: options.publicationId },
  });
  return { status };
}
