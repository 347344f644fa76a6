import type { DbOrTx, Tx } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { currentFields, diffFields, type FieldChange } from './apply-profile.js';
import { parseNppesCsv, type NppesRecord } from './nppes-csv.js';
import type { ProfileChanges } from './profile-schema.js';
import { createProvider, proposeProviderChange } from './providers.js';

export type NppesRowAction = 'create' | 'update' | 'unchanged' | 'deactivated';

export interface NppesRowResult {
  line: number;
  npi: string;
  name: string;
  providerId: string | null;
  action: NppesRowAction;
  fields: FieldChange[];
  /** After applying: 'applied' or 'pending' (waits for the clinician). */
  outcome?: 'applied' | 'pending' | 'created' | 'skipped';
}

export interface NppesImportResult {
  applied: boolean;
  rows: NppesRowResult[];
  /** Rows for NPIs that are not the practice's: ignored. */
  ignored: number;
  /** The practice's NPIs the file has no row for. */
  missing: string[];
}

/** What the registry says, as profile changes: names, credentials, taxonomies and licence numbers. */
export function changesFromRecord(record: NppesRecord, current: ProfileChanges): ProfileChanges {
  const expiries = new Map(
    (current.licences ?? []).map((l) => [`${l.state}/${l.number}`, l.expiresOn]),
  );
  return {
    firstName: record.firstName,
    lastName: record.lastName,
    credentials: record.credentials,
    taxonomies: record.taxonomies,
    // NPPES carries licence numbers, not expiry dates: keep the dates the practice entered.
    licences: record.licences.map((l) => ({
      ...l,
      expiresOn: expiries.get(`${l.state}/${l.number}`) ?? null,
    })),
  };
}

/**
 * Imports the rows of an NPPES data file that belong to the practice: the NPIs of its providers,
 * plus `addNpis` to create new providers. With `apply: false` it only reports what would change.
 * Applying runs in the caller's transaction: a bad row anywhere leaves nothing imported.
 */
export async function importNppes(
  tx: Tx,
  options: {
    actor: Actor & { role: Role };
    orgId: string;
    input: { csv: string; addNpis: string[]; apply: boolean };
  },
): Promise<NppesImportResult> {
  const { csv, ...rest } = options.input;
  return importNppesRecords(tx, { ...options, input: { ...rest, records: parseNppesCsv(csv) } });
}

/** The import itself, for records from the data file or from the registry API. */
export async function importNppesRecords(
  tx: Tx,
  options: {
    actor: Actor & { role: Role };
    orgId: string;
    input: { records: NppesRecord[]; addNpis: string[]; apply: boolean; source?: 'file' | 'api' };
  },
): Promise<NppesImportResult> {
  const { actor, orgId, input } = options;
  const { records } = input;
  const providers = await tx
    .selectFrom('providers')
    .selectAll()
    .where('orgId', '=', orgId)
    .execute();
  const byNpi = new Map(providers.filter((p) => p.npi).map((p) => [p.npi!, p]));
  const wanted = new Set([...byNpi.keys(), ...input.addNpis]);
  const rows: NppesRowResult[] = [];
  let ignored = 0;
  const seen = new Set<string>();
  for (const record of records) {
    if (!wanted.has(record.npi) || seen.has(record.npi)) {
      ignored += 1;
      continue;
    }
    seen.add(record.npi);
    const name = `${record.firstName} ${record.lastName}`;
    const existing = byNpi.get(record.npi);
    if (record.deactivated) {
      rows.push({
        line: record.line,
        npi: record.npi,
        name,
        providerId: existing?.id ?? null,
        action: 'deactivated',
        fields: [],
      });
      continue;
    }
    if (!existing) {
      rows.push({
        line: record.line,
        npi: record.npi,
        name,
        providerId: null,
        action: 'create',
        fields: [],
      });
      continue;
    }
    const current = await currentFields(tx, existing);
    const fields = diffFields(current, changesFromRecord(record, current));
    rows.push({
      line: record.line,
      npi: record.npi,
      name,
      providerId: existing.id,
      action: fields.length ? 'update' : 'unchanged',
      fields,
    });
  }
  const missing = [...wanted].filter((npi) => !seen.has(npi));
  if (!input.apply) return { applied: false, rows, ignored, missing };

  for (const row of rows) {
    const record = records.find((r) => r.npi === row.npi)!;
    if (row.action === 'create') {
      const created = await createProvider(tx, {
        actor,
        orgId,
        input: {
          firstName: record.firstName,
          lastName: record.lastName,
          credentials: record.credentials,
          npi: record.npi,
          userId: null,
        },
      });
      const result = await proposeProviderChange(tx, {
        actor,
        orgId,
        providerId: created.id,
        changes: changesFromRecord(record, {}),
        source: 'nppes',
      });
      row.providerId = created.id;
      row.fields = result.fields;
      row.outcome = 'created';
    } else if (row.action === 'update' && row.providerId) {
      const current = await currentFields(tx, byNpi.get(row.npi)!);
      const result = await proposeProviderChange(tx, {
        actor,
        orgId,
        providerId: row.providerId,
        changes: changesFromRecord(record, current),
        source: 'nppes',
      });
      row.outcome = result.status === 'pending' ? 'pending' : 'applied';
    } else row.outcome = 'skipped';
  }
  await recordAuditEvent(tx, {
    orgId,
    actor,
    action: 'provider.nppes_imported',
    details: {
      created: rows.filter((r) => r.outcome === 'created').length,
      applied: rows.filter((r) => r.outcome === 'applied').length,
      pending: rows.filter((r) => r.outcome === 'pending').length,
      ignored,
      source: input.source ?? 'file',
    },
  });
  return { applied: true, rows, ignored, missing };
}

/** The NPIs an import looks for: the practice's providers' and the ones to add. */
export async function practiceNpis(db: DbOrTx, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('providers')
    .select('npi')
    .where('orgId', '=', orgId)
    .where('npi', 'is not', null)
    .execute();
  return rows.map((r) => r.npi!);
}
