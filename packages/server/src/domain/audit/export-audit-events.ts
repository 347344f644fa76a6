import type { DbOrTx } from '../../db/database.js';
import type { AuditEventView } from './audit-types.js';
import { iterateAuditEvents, type AuditFilter } from './list-audit-events.js';

export type AuditExportFormat = 'csv' | 'jsonl';

const columns = [
  'seq',
  'at',
  'actorId',
  'actorName',
  'action',
  'targetType',
  'targetId',
  'ip',
  'outcome',
  'details',
] as const;

/** Streams the filtered trail as CSV (RFC 4180, formula-safe) or JSON Lines. */
export async function* exportAuditEvents(
  db: DbOrTx,
  options: AuditFilter & { format: AuditExportFormat },
): AsyncGenerator<string> {
  if (options.format === 'csv') yield columns.join(',') + '\r\n';
  for await (const event of iterateAuditEvents(db, options)) {
    yield options.format === 'csv' ? csvRow(event) : JSON.stringify(event) + '\n';
  }
}

function csvRow(event: AuditEventView): string {
  return (
    columns
      .map((column) =>
        csvCell(column === 'details' ? JSON.stringify(event.details) : event[column]),
      )
      .join(',') + '\r\n'
  );
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A spreadsheet would run a cell that starts with = + - @ as a formula.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
