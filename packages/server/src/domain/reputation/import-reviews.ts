import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { PostgresAdapter, sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { ReputationImportTable, ReputationSourceName } from '../../db/reputation-schema.js';
import { invalid } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { alertNewItems } from './alerts.js';
import { loadIngestContext, type IngestContext } from './ingest-context.js';
import { ingestItems, prepareAnalysis, type IncomingItem } from './ingest-items.js';
import { rowToItem, type ImportMapping, type RowContext } from './import-mapping.js';

export interface ImportProblem {
  /** The line in the file where the record starts (1 = the header line for CSV). */
  line: number;
  reason: string;
}

export interface ImportReport {
  importId: string;
  rowsTotal: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** At most {@link MAX_PROBLEMS}; `skipped` counts them all. */
  problems: ImportProblem[];
}

export interface ImportOptions {
  actor: Actor;
  orgId: string;
  source: ReputationSourceName;
  format: 'csv' | 'json';
  mapping: ImportMapping;
  fileName: string | null;
  /** The file's bytes, streamed: nothing holds the whole file. */
  input: AsyncIterable<Buffer | string>;
  /** Rows per transaction (default 1,000). */
  batchSize?: number;
}

const MAX_PROBLEMS = 1_000;

/**
 * Imports reviews from a CSV or JSON file exported by (or copied from) a review site without an
 * API. The file is streamed and stored in batches, each in its own transaction with the items'
 * analysis; a malformed row is reported by line number and skipped while good rows are kept.
 * Importing the same file again changes nothing (the items' identity is the site and its id, or a
 * hash of author, date and text when the file has no id column).
 */
export async function importReviews(db: DbOrTx, options: ImportOptions): Promise<ImportReport> {
  if (!options.mapping.text)
    throw invalid({ mapping: 'Choose the column that holds the review text.' });
  const context = await loadIngestContext(db, options.orgId);
  const rowContext = await loadRowContext(db, options.orgId);
  const importId = newId();
  const now = new Date().toISOString();
  const row: ReputationImportTable = {
    id: importId,
    orgId: options.orgId,
    source: options.source,
    format: options.format,
    fileName: options.fileName,
    mapping: JSON.stringify(options.mapping),
    rowsTotal: 0,
    rowsCreated: 0,
    rowsUpdated: 0,
    rowsUnchanged: 0,
    rowsSkipped: 0,
    problems: '[]',
    createdBy: options.actor.userId ?? 'system',
    createdAt: now,
    finishedAt: null,
  };
  await db.insertInto('reputationImports').values(row).execute();
  const report: ImportReport = {
    importId,
    rowsTotal: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    problems: [],
  };
  const problem = (line: number, reason: string): void => {
    report.skipped += 1;
    report.rowsTotal += 1;
    if (report.problems.length < MAX_PROBLEMS) report.problems.push({ line, reason });
  };
  const batchSize = options.batchSize ?? 1_000;
  const statistics = await ItemStatistics.open(db);
  let batch: IncomingItem[] = [];
  // One batch is written while the next is parsed and analysed (the database and this process
  // work at once); never more, so memory stays bounded by two batches.
  let writing: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const items = prepareAnalysis(context, batch);
    batch = [];
    await writing;
    const next = storeBatch(db, { context, options, importId, items, report }).then((created) =>
      statistics?.stored(created),
    );
    // Handled here so a failure does not go unobserved while the next batch is parsed; it is
    // thrown at the next `await writing`.
    next.catch(() => undefined);
    writing = next;
  };
  const records =
    options.format === 'csv'
      ? csvRecords(options.input, problem)
      : jsonRecords(options.input, problem);
  try {
    for await (const record of records) {
      const result = rowToItem(record.row, options.mapping, rowContext);
      if ('problem' in result) {
        problem(record.line, result.problem);
        continue;
      }
      report.rowsTotal += 1;
      batch.push(result.item);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } finally {
    // Whatever happened while reading, the batch in the database finishes (or fails) first.
    await writing.catch(() => undefined);
  }
  await writing;
  // The CSV parser reports broken records as it reads ahead, before earlier rows are checked.
  report.problems.sort((a, b) => a.line - b.line);
  await finishImport(db, { options, importId, report });
  return report;
}

async function loadRowContext(db: DbOrTx, orgId: string): Promise<RowContext> {
  const locations = await db
    .selectFrom('locations')
    .select(['id', 'name'])
    .where('orgId', '=', orgId)
    .execute();
  const map = new Map<string, string>();
  for (const l of locations) {
    map.set(l.name.toLowerCase(), l.id);
    map.set(l.id.toLowerCase(), l.id);
  }
  return { locations: map, kind: 'review' };
}

async function storeBatch(
  db: DbOrTx,
  input: {
    context: IngestContext;
    options: ImportOptions;
    importId: string;
    items: IncomingItem[];
    report: ImportReport;
  },
): Promise<number> {
  const { context, options, importId, items, report } = input;
  return db.transaction().execute(async (tx) => {
    const result = await ingestItems(tx, context, {
      source: options.source,
      sourceRefId: null,
      locationId: null,
      importId,
      items,
    });
    // Rows repeated inside one batch count once as stored and the rest as unchanged.
    const repeats = items.length - new Set(items.map((i) => i.externalId)).size;
    report.created += result.created.length;
    report.updated += result.updated;
    report.unchanged += result.unchanged + result.deleted + repeats;
    await alertNewItems(tx, { orgId: options.orgId, items: result.created });
    return result.created.length;
  });
}

/**
 * PostgreSQL plans each batch's lookup of stored items (by organization, source and the source's
 * ids) from the statistics of `reputation_items`. Without statistics for the rows an import adds
 * — autovacuum off, or not yet round — it takes "this organization's items from this source" for
 * a handful of rows and walks all of them through a smaller (org, source, …) index instead of
 * looking each id up in the identity index: every batch read the whole source, and a million-row
 * import slowed down as it went (954 ms of database CPU per 1,000 reviews). So an import analyzes
 * the table itself once it has added a fifth of what the statistics last counted (plus 1,000
 * rows), as autovacuum would: a few dozen times over a million rows from empty, each a sample.
 * SQLite's planner does not need it.
 */
class ItemStatistics {
  private constructor(
    private readonly db: DbOrTx,
    /** Rows the statistics counted when last gathered. */
    private counted: number,
    /** Rows written since, as far as this import knows. */
    private pending: number,
  ) {}

  static async open(db: DbOrTx): Promise<ItemStatistics | null> {
    // Inside a caller's transaction a failed ANALYZE would abort it: leave it to autovacuum.
    if (db.isTransaction || !(db.getExecutor().adapter instanceof PostgresAdapter)) return null;
    const row = await sql<{ counted: number; pending: number | null }>`select
        greatest(c.reltuples, 0)::float8 as counted, s.n_mod_since_analyze::float8 as pending
      from pg_class c left join pg_stat_user_tables s on s.relid = c.oid
      where c.oid = to_regclass('reputation_items')`
      .execute(db)
      .then((r) => r.rows[0]);
    return row ? new ItemStatistics(db, Number(row.counted), Number(row.pending ?? 0)) : null;
  }

  async stored(rows: number): Promise<void> {
    this.pending += rows;
    if (this.pending < 1_000 + this.counted / 5) return;
    this.pending = 0;
    try {
      await this.db.transaction().execute(async (tx) => {
        // A vacuum of the table (one against wraparound does not yield) would make ANALYZE wait:
        // the import does not; it tries again after another fifth. (A role that does not own the
        // table gets a warning and no statistics, which is no worse than before.)
        await sql`set local lock_timeout = '2s'`.execute(tx);
        await sql`analyze reputation_items`.execute(tx);
      });
      const { rows: counted } = await sql<{ counted: number }>`select
          greatest(reltuples, 0)::float8 as counted from pg_class
        where oid = to_regclass('reputation_items')`.execute(this.db);
      this.counted = Number(counted[0]?.counted ?? 0);
    } catch {
      // Statistics are an optimization: the import goes on with those it has.
    }
  }
}

async function finishImport(
  db: DbOrTx,
  input: { options: ImportOptions; importId: string; report: ImportReport },
): Promise<void> {
  const { options, importId, report } = input;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('reputationImports')
      .set({
        rowsTotal: report.rowsTotal,
        rowsCreated: report.created,
        rowsUpdated: report.updated,
        rowsUnchanged: report.unchanged,
        rowsSkipped: report.skipped,
        problems: JSON.stringify(report.problems),
        finishedAt: new Date().toISOString(),
      })
      .where('orgId', '=', options.orgId)
      .where('id', '=', importId)
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'review.imported',
      target: { type: 'reputation_import', id: importId },
      details: {
        source: options.source,
        format: options.format,
        rows: report.rowsTotal,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: report.skipped,
      },
    });
  });
}

interface SourceRecord {
  line: number;
  row: Record<string, unknown>;
}

type ProblemSink = (line: number, reason: string) => void;

/** CSV records with the line each starts on; broken records go to `problem` and are skipped. */
async function* csvRecords(
  input: AsyncIterable<Buffer | string>,
  problem: ProblemSink,
): AsyncGenerator<SourceRecord> {
  const parser = parse({
    columns: (header: string[]) => header.map((h) => h.trim()),
    bom: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: 100_000,
  });
  parser.on('skip', (error: Error & { lines?: number }) => {
    problem(error.lines ?? 0, csvReason(error));
  });
  const source = Readable.from(input);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  for await (const entry of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    yield { line: entry.info.lines, row: entry.record };
  }
}

function csvReason(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return 'The row has a different number of columns than the header.';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'A quoted value is not closed properly.';
    case 'CSV_MAX_RECORD_SIZE':
      return 'The row is too long.';
    default:
      return 'The row could not be read as CSV.';
  }
}

/**
 * JSON records: NDJSON (one object per line, streamed) or one array of objects. An array is read
 * whole, so the route caps its size; its "line" is the object's position (1-based).
 */
async function* jsonRecords(
  input: AsyncIterable<Buffer | string>,
  problem: ProblemSink,
): AsyncGenerator<SourceRecord> {
  const lines = createInterface({ input: Readable.from(input), crlfDelay: Infinity });
  let first: string | null = null;
  let arrayText: string[] | null = null;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (first === null) {
      if (line.trim() === '') continue;
      first = line.trimStart().replace(/^\uFEFF/, '');
      if (first.startsWith('[')) arrayText = [first];
      else yield* ndjsonLine(first, lineNumber, problem);
      continue;
    }
    if (arrayText) arrayText.push(line);
    else yield* ndjsonLine(line, lineNumber, problem);
  }
  if (!arrayText) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(arrayText.join('\n'));
  } catch {
    throw invalid({
      file: 'The file is not valid JSON (an array of objects, or one object per line).',
    });
  }
  if (!Array.isArray(parsed)) throw invalid({ file: 'The file is not an array of objects.' });
  for (const [index, value] of parsed.entries()) {
    if (value && typeof value === 'object' && !Array.isArray(value))
      yield { line: index + 1, row: value as Record<string, unknown> };
    else problem(index + 1, 'The entry is not an object.');
  }
}

function* ndjsonLine(
  line: string,
  lineNumber: number,
  problem: ProblemSink,
): Generator<SourceRecord> {
  if (line.trim() === '') return;
  try {
    const value: unknown = JSON.parse(line);
    if (value && typeof value === 'object' && !Array.isArray(value))
      yield { line: lineNumber, row: value as Record<string, unknown> };
    else problem(lineNumber, 'The line is not a JSON object.');
  } catch {
    problem(lineNumber, 'The line is not valid JSON.');
  }
}

/** Recent imports, newest first. */
export async function listImports(
  db: DbOrTx,
  orgId: string,
): Promise<(ImportReport & { source: string; fileName: string | null; createdAt: string })[]> {
  const rows = await db
    .selectFrom('reputationImports')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    importId: r.id,
    source: r.source,
    fileName: r.fileName,
    createdAt: r.createdAt,
    rowsTotal: r.rowsTotal,
    created: r.rowsCreated,
    updated: r.rowsUpdated,
    unchanged: r.rowsUnchanged,
    skipped: r.rowsSkipped,
    problems: JSON.parse(r.problems) as ImportProblem[],
  }));
}
