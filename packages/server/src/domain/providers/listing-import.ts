import { CsvError, parse } from 'csv-parse/sync';
import type { Tx } from '../../db/database.js';
import type { LocationRow } from '../../db/schema.js';
import { AppError, invalid } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { directories, masterRecord, type Directory } from './listings.js';
import { napMismatches, normalizeAddress, normalizePhone, type NapMismatch } from './nap.js';
import { npiProblem } from './npi.js';
import { displayName, storedProfile } from './provider-views.js';

/** The fields a listings file can fill; the first four are required. */
export const LISTING_IMPORT_FIELDS = [
  'directory',
  'name',
  'address',
  'phone',
  'url',
  'npi',
  'location',
] as const;
export type ListingImportField = (typeof LISTING_IMPORT_FIELDS)[number];
/** Field → the CSV column that holds it. */
export type ListingMapping = Partial<Record<ListingImportField, string>>;
const REQUIRED: ListingImportField[] = ['directory', 'name', 'address', 'phone'];

/** Header words each field is recognised by, as directories' and agencies' exports name them. */
const HINTS: Record<ListingImportField, RegExp> = {
  directory: /^(site|directory|source|platform|publisher|network|listing[ _-]?site)$/i,
  name: /^(name|listing[ _-]?name|business[ _-]?name|display[ _-]?name|provider[ _-]?name)$/i,
  address: /^(address|street|street[ _-]?address|full[ _-]?address|listing[ _-]?address)$/i,
  phone: /^(phone|telephone|phone[ _-]?number|tel)$/i,
  url: /^(url|link|listing[ _-]?url|profile[ _-]?url|web[ _-]?address)$/i,
  npi: /^(npi|provider[ _-]?npi|npi[ _-]?number)$/i,
  location: /^(location|office|clinic|practice[ _-]?location)$/i,
};

/** A first guess at the mapping from the header; the person confirms or changes it. */
export function suggestListingMapping(columns: readonly string[]): ListingMapping {
  const mapping: ListingMapping = {};
  for (const field of LISTING_IMPORT_FIELDS) {
    const column = columns.find((c) => HINTS[field].test(c.trim()));
    if (column !== undefined) mapping[field] = column;
  }
  return mapping;
}

/** Directory names as people write them (a label, a host name) → the directory. */
const DIRECTORY_ALIASES: Record<string, Directory> = {
  googlebusinessprofile: 'google',
  googlemybusiness: 'google',
  googlemaps: 'google',
  gbp: 'google',
  bingplaces: 'bing',
  apple: 'apple_maps',
  applemaps: 'apple_maps',
  applebusinessconnect: 'apple_maps',
  fb: 'facebook',
};

export function parseDirectory(value: string): Directory | null {
  const host = value
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '');
  const key = (host.includes('.') ? host.slice(0, host.indexOf('.')) : host).replace(
    /[^a-z0-9]/g,
    '',
  );
  if ((directories as readonly string[]).includes(key)) return key as Directory;
  return DIRECTORY_ALIASES[key] ?? null;
}

export interface ListingImportRow {
  line: number;
  directory: Directory;
  providerId: string | null;
  /** The provider's name, or "The practice". */
  subject: string;
  locationId: string;
  locationName: string;
  action: 'create' | 'update' | 'unchanged';
  mismatches: NapMismatch[];
}

export interface ListingImportReport {
  applied: boolean;
  rows: ListingImportRow[];
  created: number;
  updated: number;
  unchanged: number;
}

export interface ListingImportProblem {
  line: number;
  reason: string;
}

const MAX_ROWS = 2000;
const MAX_PROBLEMS = 100;

interface Candidate {
  line: number;
  directory: Directory;
  providerId: string | null;
  location: LocationRow;
  name: string;
  address: string;
  phone: string;
  url: string | null;
}

interface Context {
  orgName: string;
  locations: LocationRow[];
  providers: {
    id: string;
    npi: string | null;
    firstName: string;
    lastName: string;
    credentials: string;
    locationIds: string[];
  }[];
}

function problemsError(problems: ListingImportProblem[]): AppError {
  const first = problems[0]!;
  return new AppError(
    'validation_failed',
    `The listings file has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing was imported.`,
    { fields: { file: `Line ${first.line}: ${first.reason}` }, problems },
  );
}

/** The rows of the file as records keyed by header, with the line each ends on; a broken file stops here. */
function readCsv(csv: string): { record: Record<string, string>; line: number }[] {
  try {
    const rows = parse(csv, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
    return rows.map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      throw problemsError([
        { line, reason: `The CSV is malformed: ${error.message.replace(/ at line \d+$/, '')}` },
      ]);
    }
    throw error;
  }
}

/** Which location a row is about: the named one, the provider's only one, the one whose phone or address it shows, or the only one. */
function locationFor(
  context: Context,
  cells: { location: string; address: string; phone: string },
  provider: Context['providers'][number] | undefined,
): LocationRow | string {
  const { locations } = context;
  if (cells.location) {
    const wanted = cells.location.toLowerCase();
    return (
      locations.find((l) => l.name.toLowerCase() === wanted || l.id === cells.location) ??
      'The location is not one of your locations.'
    );
  }
  const own = provider ? locations.filter((l) => provider.locationIds.includes(l.id)) : [];
  if (own.length === 1) return own[0]!;
  const pool = own.length > 1 ? own : locations;
  const byPhone = pool.filter((l) => normalizePhone(l.phone) === normalizePhone(cells.phone));
  if (byPhone.length === 1) return byPhone[0]!;
  const address = normalizeAddress(cells.address);
  const byAddress = pool.filter((l) =>
    address.startsWith(normalizeAddress(l.address).split(' ').slice(0, 2).join(' ')),
  );
  if (byAddress.length === 1) return byAddress[0]!;
  if (pool.length === 1) return pool[0]!;
  return 'Which of your locations is this? Map a location column.';
}

function candidateOf(
  row: { record: Record<string, string>; line: number },
  mapping: ListingMapping,
  context: Context,
): Candidate | string {
  const { record, line } = row;
  const cell = (field: ListingImportField) => {
    const column = mapping[field];
    return column === undefined ? '' : (record[column] ?? '').trim();
  };
  const site = cell('directory');
  if (!site) return 'The site is empty.';
  const directory = parseDirectory(site);
  if (!directory)
    return 'The site is not one Bedside knows: use Google, Healthgrades, Vitals, Zocdoc, WebMD, Yelp, Facebook, Bing, Apple Maps or Other.';
  const name = cell('name');
  const address = cell('address');
  const phone = cell('phone');
  if (!name) return 'The name is empty.';
  if (!address) return 'The address is empty.';
  if (!phone) return 'The phone number is empty.';
  if (name.length > 200) return 'The name is longer than 200 characters.';
  if (address.length > 300) return 'The address is longer than 300 characters.';
  if (phone.length > 40 || normalizePhone(phone).length < 10)
    return 'The phone number does not have ten digits.';
  const url = cell('url') || null;
  if (url) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok || url.length > 500) return 'The link is not a web address.';
  }
  const npi = cell('npi');
  let provider: Context['providers'][number] | undefined;
  if (npi) {
    const problem = npiProblem(npi);
    if (problem) return `The NPI is not valid. ${problem}`;
    provider = context.providers.find((p) => p.npi === npi);
    if (!provider) return 'No provider of this practice has this NPI.';
  }
  const location = locationFor(context, { location: cell('location'), address, phone }, provider);
  if (typeof location === 'string') return location;
  return { line, directory, providerId: provider?.id ?? null, location, name, address, phone, url };
}

/**
 * Imports where the practice and its providers are listed from a CSV with a column mapping. Every
 * row is checked first: any malformed row is reported by its line and nothing is written; a good
 * file is written in the caller's one transaction. A listing is the site, the provider (by NPI, or
 * the practice) and the location: importing the same file again changes nothing. With `apply`
 * false nothing is written and the report says what would happen.
 */
export async function importListings(
  tx: Tx,
  options: {
    actor: Actor;
    orgId: string;
    input: { csv: string; mapping: ListingMapping; apply: boolean };
  },
): Promise<ListingImportReport> {
  const { actor, orgId } = options;
  const { csv, mapping, apply } = options.input;
  const missing = REQUIRED.filter((f) => !mapping[f]);
  if (missing.length) throw invalid({ mapping: `Choose the columns for: ${missing.join(', ')}.` });
  const rows = readCsv(csv);
  if (rows.length === 0) throw problemsError([{ line: 1, reason: 'The file has no rows.' }]);
  if (rows.length > MAX_ROWS)
    throw problemsError([
      { line: 1, reason: `The file has more than ${MAX_ROWS} rows; split it.` },
    ]);
  const header = Object.keys(rows[0]!.record);
  for (const [field, column] of Object.entries(mapping))
    if (column !== undefined && !header.includes(column))
      throw invalid({ mapping: `The column chosen for ${field} is not in the file.` });

  const org = await tx
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  const context: Context = {
    orgName: org.name,
    locations: await tx
      .selectFrom('locations')
      .selectAll()
      .where('orgId', '=', orgId)
      .where('archived', '=', 0)
      .orderBy('createdAt')
      .execute(),
    providers: (
      await tx
        .selectFrom('providers')
        .select(['id', 'npi', 'firstName', 'lastName', 'credentials', 'profile'])
        .where('orgId', '=', orgId)
        .execute()
    ).map((p) => ({ ...p, locationIds: storedProfile(p).locationIds })),
  };

  const problems: ListingImportProblem[] = [];
  const candidates: Candidate[] = [];
  const seen = new Map<string, number>();
  for (const { record, line } of rows) {
    const result = candidateOf({ record, line }, mapping, context);
    if (typeof result === 'string') {
      problems.push({ line, reason: result });
      continue;
    }
    const key = `${result.directory}|${result.providerId ?? ''}|${result.location.id}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({ line, reason: `The same listing is already on line ${earlier}.` });
      continue;
    }
    seen.set(key, line);
    candidates.push(result);
  }
  if (problems.length) throw problemsError(problems.slice(0, MAX_PROBLEMS));

  const existing = await tx
    .selectFrom('providerListings')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt')
    .execute();
  const now = new Date().toISOString();
  const report: ListingImportReport = {
    applied: apply,
    rows: [],
    created: 0,
    updated: 0,
    unchanged: 0,
  };
  for (const c of candidates) {
    const current = existing.find(
      (e) =>
        e.directory === c.directory &&
        e.providerId === c.providerId &&
        e.locationId === c.location.id,
    );
    const values = { name: c.name, address: c.address, phone: c.phone, url: c.url };
    const action = !current
      ? 'create'
      : current.name === c.name &&
          current.address === c.address &&
          current.phone === c.phone &&
          current.url === c.url
        ? 'unchanged'
        : 'update';
    if (apply && action === 'create')
      await tx
        .insertInto('providerListings')
        .values({
          id: newId(),
          orgId,
          providerId: c.providerId,
          locationId: c.location.id,
          directory: c.directory,
          ...values,
          seenAt: now,
          createdAt: now,
        })
        .execute();
    if (apply && action === 'update')
      await tx
        .updateTable('providerListings')
        .set({ ...values, seenAt: now })
        .where('orgId', '=', orgId)
        .where('id', '=', current!.id)
        .execute();
    const provider = context.providers.find((p) => p.id === c.providerId);
    const { master, names } = masterRecord(context.orgName, c.location, provider);
    report.rows.push({
      line: c.line,
      directory: c.directory,
      providerId: c.providerId,
      subject: provider ? displayName(provider) : 'The practice',
      locationId: c.location.id,
      locationName: c.location.name,
      action,
      mismatches: napMismatches(c, { ...master, names }),
    });
    report[action === 'create' ? 'created' : action === 'update' ? 'updated' : 'unchanged'] += 1;
  }
  if (apply && report.created + report.updated > 0)
    await recordAuditEvent(tx, {
      orgId,
      actor,
      action: 'listing.imported',
      target: { type: 'organization', id: orgId },
      details: { created: report.created, updated: report.updated, unchanged: report.unchanged },
    });
  return report;
}
