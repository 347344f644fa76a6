import { createGuard, type Guard } from '@bedside/guard';
import type { DbOrTx } from '../../db/database.js';
import { guardContextFor } from '../guard/check-text.js';

/** A provider as attribution sees it: matched by "Dr. <last name>" or the full name in the text. */
export interface ProviderMatcher {
  id: string;
  pattern: RegExp;
}

/** What ingesting needs about the organization, loaded once per poll or import, not per item. */
export interface IngestContext {
  orgId: string;
  guard: Guard;
  providers: ProviderMatcher[];
  locationIds: Set<string>;
  slaNegativeHours: number;
  slaOtherHours: number | null;
}

export async function loadIngestContext(db: DbOrTx, orgId: string): Promise<IngestContext> {
  const settings = await db
    .selectFrom('reputationSettings')
    .selectAll()
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  const providers = await db
    .selectFrom('providers')
    .select(['id', 'firstName', 'lastName'])
    .where('orgId', '=', orgId)
    .execute();
  const locations = await db
    .selectFrom('locations')
    .select('id')
    .where('orgId', '=', orgId)
    .execute();
  return {
    orgId,
    guard: createGuard(await guardContextFor(db, orgId)),
    providers: providers
      .filter((p) => p.lastName.trim().length >= 2)
      .map((p) => ({ id: p.id, pattern: providerPattern(p.firstName, p.lastName) })),
    locationIds: new Set(locations.map((l) => l.id)),
    slaNegativeHours: settings?.slaNegativeHours ?? 24,
    slaOtherHours: settings?.slaOtherHours ?? null,
  };
}

function escape(value: string): string {
  return value.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function providerPattern(firstName: string, lastName: string): RegExp {
  const last = escape(lastName);
  const first = escape(firstName);
  return new RegExp(`\\b(?:dr\\.?\\s+(?:${first}\\s+)?${last}|${first}\\s+${last})\\b`, 'i');
}

/** The one provider the text names, or null when it names none or several. */
export function inferProvider(context: IngestContext, text: string): string | null {
  const found = context.providers.filter((p) => p.pattern.test(text));
  return found.length === 1 ? (found[0]?.id ?? null) : null;
}
