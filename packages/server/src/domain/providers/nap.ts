/**
 * Name, address and phone compared the way directories garble them: case, punctuation, the usual
 * USPS abbreviations, ZIP+4, and phone formatting do not count as differences.
 */
const ABBREVIATIONS: Record<string, string> = {
  street: 'st',
  avenue: 'ave',
  boulevard: 'blvd',
  road: 'rd',
  drive: 'dr',
  lane: 'ln',
  court: 'ct',
  place: 'pl',
  suite: 'ste',
  floor: 'fl',
  fl: 'fl',
  building: 'bldg',
  highway: 'hwy',
  parkway: 'pkwy',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  northwest: 'nw',
  northeast: 'ne',
  southwest: 'sw',
  southeast: 'se',
  apartment: 'apt',
  number: '',
  '#': 'ste',
};

function words(value: string): string[] {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\b(\d{5})-\d{4}\b/g, '$1')
    .replace(/#/g, ' # ')
    .split(/[^a-z0-9#]+/)
    .filter(Boolean);
}

export function normalizeAddress(value: string): string {
  return words(value)
    .map((w) => ABBREVIATIONS[w] ?? w)
    .filter(Boolean)
    .join(' ')
    .replace(/\b(\d{5})\d{4}\b/, '$1');
}

export function normalizeName(value: string): string {
  return words(value)
    .filter((w) => !['dr', 'the', 'llc', 'pc', 'inc'].includes(w))
    .join(' ');
}

/** The last ten digits: "+1 (503) 555-0142" and "503.555.0142" are the same number. */
export function normalizePhone(value: string): string {
  return value.replace(/\D/g, '').slice(-10);
}

export type NapField = 'name' | 'address' | 'phone';

export interface NapMismatch {
  field: NapField;
  listed: string;
  master: string;
}

export function napMismatches(
  listed: { name: string; address: string; phone: string },
  master: { names: string[]; address: string; phone: string },
): NapMismatch[] {
  const out: NapMismatch[] = [];
  if (!master.names.some((n) => normalizeName(n) === normalizeName(listed.name)))
    out.push({ field: 'name', listed: listed.name, master: master.names[0] ?? '' });
  if (normalizeAddress(listed.address) !== normalizeAddress(master.address))
    out.push({ field: 'address', listed: listed.address, master: master.address });
  if (normalizePhone(listed.phone) !== normalizePhone(master.phone))
    out.push({ field: 'phone', listed: listed.phone, master: master.phone });
  return out;
}
