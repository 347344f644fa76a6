import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../../errors.js';
import { npiProblem } from './npi.js';
import { TAXONOMY_PATTERN } from './taxonomy.js';

/** One individual provider's row of the NPPES NPI registry's public data file. */
export interface NppesRecord {
  line: number;
  npi: string;
  firstName: string;
  lastName: string;
  credentials: string;
  deactivated: boolean;
  taxonomies: { code: string; primary: boolean }[];
  licences: { state: string; number: string }[];
  practiceAddress: { line1: string; city: string; state: string; zip: string; phone: string };
}

/** The columns this import reads, as the NPPES dissemination file names them. */
export const NPPES_COLUMNS = {
  npi: 'NPI',
  entityType: 'Entity Type Code',
  lastName: 'Provider Last Name (Legal Name)',
  firstName: 'Provider First Name',
  credential: 'Provider Credential Text',
  address: 'Provider First Line Business Practice Location Address',
  city: 'Provider Business Practice Location Address City Name',
  state: 'Provider Business Practice Location Address State Name',
  zip: 'Provider Business Practice Location Address Postal Code',
  phone: 'Provider Business Practice Location Address Telephone Number',
  deactivationDate: 'NPI Deactivation Date',
  reactivationDate: 'NPI Reactivation Date',
} as const;
const TAXONOMY_SLOTS = 15;

export function nppesFileError(line: number, message: string): AppError {
  return new AppError('validation_failed', `NPPES file, line ${line}: ${message}`, {
    fields: { file: `Line ${line}: ${message}` },
    line,
  });
}

/**
 * Parses the NPPES CSV (header row first, every value quoted as CMS ships it; unquoted works too).
 * Organization rows (entity type 2) are skipped. Any malformed row stops the parse with its line
 * number, so an import never sees half a file.
 */
export function parseNppesCsv(csv: string): NppesRecord[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(csv, { columns: true, bom: true, info: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      throw nppesFileError(line, error.message.replace(/ at line \d+$/, ''));
    }
    throw error;
  }
  if (rows.length === 0) throw nppesFileError(1, 'the file has no provider rows.');
  const header = Object.keys(rows[0]!.record);
  for (const column of [
    NPPES_COLUMNS.npi,
    NPPES_COLUMNS.entityType,
    NPPES_COLUMNS.lastName,
    NPPES_COLUMNS.firstName,
  ])
    if (!header.includes(column)) throw nppesFileError(1, `the column "${column}" is missing.`);
  const records: NppesRecord[] = [];
  for (const { record, info } of rows) {
    const parsed = parseRow(record, info.lines);
    if (parsed) records.push(parsed);
  }
  return records;
}

function parseRow(row: Record<string, string>, line: number): NppesRecord | null {
  const get = (column: string): string => row[column] ?? '';
  const npi = get(NPPES_COLUMNS.npi);
  const problem = npiProblem(npi);
  if (problem) throw nppesFileError(line, `NPI "${npi.slice(0, 12)}" is not valid. ${problem}`);
  const entity = get(NPPES_COLUMNS.entityType);
  if (entity === '2') return null;
  if (entity !== '1')
    throw nppesFileError(line, `Entity Type Code must be 1 or 2, not "${entity.slice(0, 4)}".`);
  const lastName = get(NPPES_COLUMNS.lastName);
  const firstName = get(NPPES_COLUMNS.firstName);
  if (!lastName || !firstName)
    throw nppesFileError(line, 'an individual provider needs a first and last name.');
  const taxonomies: NppesRecord['taxonomies'] = [];
  const licences: NppesRecord['licences'] = [];
  for (let n = 1; n <= TAXONOMY_SLOTS; n += 1) {
    const code = get(`Healthcare Provider Taxonomy Code_${n}`);
    if (code) {
      if (!TAXONOMY_PATTERN.test(code))
        throw nppesFileError(
          line,
          `Healthcare Provider Taxonomy Code_${n} "${code.slice(0, 12)}" is not a NUCC code.`,
        );
      if (!taxonomies.some((t) => t.code === code))
        taxonomies.push({
          code,
          primary: get(`Healthcare Provider Primary Taxonomy Switch_${n}`) === 'Y',
        });
    }
    const number = get(`Provider License Number_${n}`);
    const state = get(`Provider License Number State Code_${n}`);
    if (
      number &&
      /^[A-Z]{2}$/.test(state) &&
      !licences.some((l) => l.state === state && l.number === number)
    )
      licences.push({ state, number: number.slice(0, 40) });
  }
  if (taxonomies.filter((t) => t.primary).length > 1)
    throw nppesFileError(line, 'more than one taxonomy is marked primary.');
  return {
    line,
    npi,
    firstName: titleCase(firstName),
    lastName: titleCase(lastName),
    credentials: get(NPPES_COLUMNS.credential).replace(/\./g, '').slice(0, 40),
    deactivated:
      Boolean(get(NPPES_COLUMNS.deactivationDate)) && !get(NPPES_COLUMNS.reactivationDate),
    taxonomies,
    licences,
    practiceAddress: {
      line1: get(NPPES_COLUMNS.address),
      city: get(NPPES_COLUMNS.city),
      state: get(NPPES_COLUMNS.state),
      zip: get(NPPES_COLUMNS.zip),
      phone: get(NPPES_COLUMNS.phone),
    },
  };
}

/** NPPES names are upper case: "O'BRIEN-SMITH" → "O'Brien-Smith". */
function titleCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}
