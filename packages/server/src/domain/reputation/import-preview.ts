import { parse } from 'csv-parse';
import { invalid } from '../../errors.js';

export interface ImportPreview {
  columns: string[];
  rows: Record<string, string>[];
}

const ROWS = 5;

function asStrings(row: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]),
  );
}

/**
 * The columns and first rows of the start of a file, for the column-mapping step. The sample may
 * end mid-line (the browser sends the first bytes): the last, partial line is dropped.
 */
export async function previewImport(
  format: 'csv' | 'json',
  sample: string,
): Promise<ImportPreview> {
  const cut = sample.includes('\n') ? sample.slice(0, sample.lastIndexOf('\n') + 1) : sample;
  if (format === 'csv') {
    const rows: Record<string, string>[] = [];
    const parser = parse(cut, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      to: ROWS,
    });
    let columns: string[] = [];
    parser.on('skip', () => undefined);
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      rows.push(record);
      if (columns.length === 0) columns = Object.keys(record);
    }
    if (columns.length === 0) {
      const header = cut.split(/\r?\n/)[0] ?? '';
      columns = header
        .split(',')
        .map((h) => h.trim().replace(/^"|"$/g, ''))
        .filter(Boolean);
    }
    if (columns.length === 0) throw invalid({ sample: 'The file has no header row.' });
    return { columns, rows };
  }
  const trimmed = sample.trimStart().replace(/^\uFEFF/, '');
  let objects: Record<string, unknown>[] = [];
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed))
        objects = parsed
          .filter((v): v is Record<string, unknown> => !!v && typeof v === 'object')
          .slice(0, ROWS);
    } catch {
      throw invalid({
        sample:
          'The start of the file is not a complete JSON array; use one object per line for big files.',
      });
    }
  } else {
    for (const line of cut.split(/\r?\n/)) {
      if (objects.length >= ROWS) break;
      if (!line.trim()) continue;
      try {
        const value: unknown = JSON.parse(line);
        if (value && typeof value === 'object' && !Array.isArray(value))
          objects.push(value as Record<string, unknown>);
      } catch {
        // A broken line is reported by the import itself, with its line number.
      }
    }
  }
  const columns = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  if (columns.length === 0)
    throw invalid({ sample: 'No JSON objects were found at the start of the file.' });
  return { columns, rows: objects.map(asStrings) };
}
