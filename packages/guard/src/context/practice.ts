import type { GuardContext } from '../types.js';
import { CREDENTIALS } from '../data/vocab/name-cues.js';

/** The practice's own published details, normalised for fast "is this ours?" lookups. None of it is PHI. */
export interface PracticeModel {
  /** Lowercase name tokens of providers and staff ("lee", "maria", "gonzalez"). */
  personTokens: ReadonlySet<string>;
  /** Lowercase tokens of the practice name ("maple", "grove", "dental"). */
  practiceNameTokens: ReadonlySet<string>;
  /** Phone and fax numbers as their last ten digits. */
  phones: ReadonlySet<string>;
  emails: ReadonlySet<string>;
  /** Domains of the website and e-mail addresses, without `www.`. */
  domains: ReadonlySet<string>;
  /** Social handles, lowercase, without `@`. */
  handles: ReadonlySet<string>;
  /** Lowercase tokens of the practice's addresses (street names, numbers, cities). */
  addressTokens: ReadonlySet<string>;
  zips: ReadonlySet<string>;
  cities: ReadonlySet<string>;
  /** A phone to offer in safe replies ("please call our office at …"). */
  contactPhone: string | undefined;
  blockWords: readonly string[];
  allowWords: ReadonlySet<string>;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}]+)*/gu;

function words(s: string | undefined): string[] {
  if (!s) return [];
  return (s.normalize('NFC').toLowerCase().match(WORD) ?? []).map((w) => w.replace(/['’]s$/u, ''));
}

/** Last ten digits of a phone number, the part that identifies it within the NANP. */
export function phoneKey(s: string): string {
  const digits = s.replace(/\D+/g, '');
  return digits.length > 10 ? digits.slice(-10) : digits;
}

/** Hostname of a URL or bare domain, lowercase, without `www.`. */
export function domainOf(s: string): string {
  const host =
    s
      .trim()
      .toLowerCase()
      .replace(/^[a-z]+:\/\//, '')
      .split(/[/?#:]/)[0] ?? '';
  return host.replace(/^www\./, '');
}

/** Builds the lookup model once per `createGuard` call. */
export function buildPracticeModel(context: GuardContext): PracticeModel {
  const personTokens = new Set<string>();
  for (const p of [...(context.providers ?? []), ...(context.staff ?? [])]) {
    for (const w of words(p?.name)) if (!CREDENTIALS.has(w) || w.length > 3) personTokens.add(w);
  }
  const phones = new Set<string>();
  const addressTokens = new Set<string>();
  const zips = new Set<string>();
  const cities = new Set<string>();
  let contactPhone: string | undefined;
  for (const loc of context.locations ?? []) {
    if (!loc) continue;
    for (const ph of [loc.phone, loc.fax])
      if (ph && phoneKey(ph).length >= 7) phones.add(phoneKey(ph));
    contactPhone ??= loc.phone;
    for (const w of [...words(loc.address), ...words(loc.name), ...words(loc.city)])
      addressTokens.add(w);
    if (loc.city) cities.add(loc.city.trim().toLowerCase());
    if (loc.zip) zips.add(loc.zip.trim().slice(0, 5));
  }
  for (const w of words(context.mailingAddress)) addressTokens.add(w);
  for (const m of (context.mailingAddress ?? '').matchAll(/\b(\d{5})(?:-\d{4})?\b/g))
    if (m[1]) zips.add(m[1]);
  const emails = new Set((context.emails ?? []).map((e) => e.trim().toLowerCase()));
  const domains = new Set<string>();
  if (context.website) domains.add(domainOf(context.website));
  for (const e of emails) {
    const d = e.split('@')[1];
    if (d) domains.add(d.replace(/^www\./, ''));
  }
  const handles = new Set(
    (context.handles ?? [])
      .map((h) => h.trim().toLowerCase().replace(/^@/, '').split('@')[0] ?? '')
      .filter(Boolean),
  );
  return {
    personTokens,
    practiceNameTokens: new Set(words(context.name)),
    phones,
    emails,
    domains,
    handles,
    addressTokens,
    zips,
    cities,
    contactPhone,
    blockWords: (context.customRules?.block ?? []).map((w) => w.trim()).filter(Boolean),
    allowWords: new Set(
      (context.customRules?.allow ?? []).map((w) => w.trim().toLowerCase()).filter(Boolean),
    ),
  };
}
