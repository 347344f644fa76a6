import type { FindingCategory } from '@bedside/guard';
import type { DbOrTx } from '../../db/database.js';
import type { RecipientChannel } from './authorization.js';
import { loadParts, toRecord } from './authorization-rows.js';
import { authorizationCovers } from './covers.js';

/**
 * The patient identifiers a post may carry because a signed authorization linked to it allows
 * them: today the patient's name (the `name` finding category), when a linked authorization covers
 * the patient's own words and name on every network the post goes to, in effect at `at`.
 *
 * The guard blocks a person's name in a post; a patient story that names the patient is exactly
 * what a 164.508 authorization permits, so the posts gate lowers such a finding to a warning the
 * compliance officer must approve. Every other identifier (phone, record number, address …) stays
 * blocked whatever is linked: no story needs them.
 *
 * @example const covered = await findCoveredIdentifiers(tx, { orgId, postId, at: new Date() });
 */
export async function findCoveredIdentifiers(
  db: DbOrTx,
  options: { orgId: string; postId: string; at: Date },
): Promise<FindingCategory[]> {
  const rows = await db
    .selectFrom('postAuthorizations')
    .innerJoin('authorizations', 'authorizations.id', 'postAuthorizations.authorizationId')
    .selectAll('authorizations')
    .where('postAuthorizations.orgId', '=', options.orgId)
    .where('postAuthorizations.postId', '=', options.postId)
    .orderBy('authorizations.createdAt')
    .execute();
  if (rows.length === 0) return [];
  const variants = await db
    .selectFrom('postVariants')
    .select('network')
    .where('postId', '=', options.postId)
    .where('removedAt', 'is', null)
    .execute();
  const networks = [...new Set(variants.map((v) => v.network as RecipientChannel))];
  for (const stored of await loadParts(db, rows)) {
    const coverage = authorizationCovers(toRecord(stored), {
      contentTypes: ['text', 'name'],
      networks,
      publishAt: options.at,
      now: options.at,
      timeZone: stored.row.timeZone,
    });
    if (coverage.covered) return ['name'];
  }
  return [];
}
