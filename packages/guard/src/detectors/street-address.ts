import type { CheckDocument } from '../engine/document.js';
import { redactFix } from '../engine/redaction.js';
import type { Token } from '../text/tokenize.js';
import { NOT_NAMES } from '../data/vocab/name-cues.js';
import { SPANISH_WORDS } from '../data/vocab/spanish-words.js';
import {
  FOREIGN_STREET_ENDINGS,
  STREET_PREFIXES,
  STREET_SUFFIXES,
  UNIT_WORDS,
  US_STATE_CODES,
  US_STATE_NAMES,
} from '../data/vocab/places.js';

const MAX_STREET_WORDS = 5;
const DIRECTIONS = new Set([
  'n',
  's',
  'e',
  'w',
  'ne',
  'nw',
  'se',
  'sw',
  'north',
  'south',
  'east',
  'west',
]);

/**
 * Street addresses: "1200 W. Maple Grove Rd, Apt 4B, Springfield, IL 62704", "Friedhofstrasse 33", "Calle Mayor 5",
 * "P.O. Box 12", and unit parts ("Suite 464"). The practice's own address is skipped.
 */
export function detectStreetAddresses(doc: CheckDocument): void {
  const t = doc.tokens;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    if (!tok || doc.isClaimed(i)) continue;
    let span: { first: number; last: number } | undefined;
    if (tok.kind === 'num' && tok.text.length <= 6)
      span = numberFirst(t, i) ?? numberNameNumber(doc, i);
    else if (tok.kind === 'word' && tok.cap)
      span = nameFirst(t, i) ?? (afterAddressCue(doc, i) ? nameNumber(doc, i) : undefined);
    if (!span && tok.kind === 'word' && UNIT_WORDS.has(tok.norm) && tok.cap) span = unitOnly(t, i);
    if (!span) continue;
    span.last = extendTail(t, span.last);
    report(doc, span.first, span.last);
    i = span.last;
  }
}

function nextIdx(t: Token[], i: number): number {
  let k = i + 1;
  while (k < t.length && ((t[k]?.kind === 'space' && !t[k]?.newline) || t[k]?.text === '.')) k++;
  return k;
}

/** "123 Main Street", "4 N Elm St." */
function numberFirst(t: Token[], i: number): { first: number; last: number } | undefined {
  let k = nextIdx(t, i);
  let words = 0;
  let last = -1;
  while (k < t.length && words <= MAX_STREET_WORDS) {
    const x = t[k];
    if (!x || !(x.kind === 'word' || (x.kind === 'alnum' && /^\d+(st|nd|rd|th)$/i.test(x.text))))
      break;
    if (!(x.cap || DIRECTIONS.has(x.norm) || x.kind === 'alnum')) break;
    words++;
    if (words >= 2 && STREET_SUFFIXES.has(x.norm)) last = k;
    else if (words >= 1 && last === -1 && STREET_SUFFIXES.has(x.norm) && words > 1) last = k;
    k = nextIdx(t, k);
  }
  return last === -1 ? undefined : { first: i, last };
}

/** True when a word is neither common English nor Spanish: foreign street names are. */
function foreignWord(doc: CheckDocument, x: Token): boolean {
  return (
    x.kind === 'word' &&
    x.text.length > 2 &&
    !doc.lex.english.has(x.norm) &&
    !STREET_SUFFIXES.has(x.norm) &&
    !NOT_NAMES.has(x.norm) &&
    !SPANISH_WORDS.has(x.norm) &&
    !UNIT_WORDS.has(x.norm)
  );
}

/** "4844 Søndergade 52", "20789 Allika 46": house or building number, a foreign street name, a number. */
function numberNameNumber(
  doc: CheckDocument,
  i: number,
): { first: number; last: number } | undefined {
  const t = doc.tokens;
  const name = nameNumber(doc, nextIdx(t, i));
  return name ? { first: i, last: name.last } : undefined;
}

/** "Skogstien 106", "Pod Floriánem 1677": one to three capitalised words, at least one foreign, then a short number. */
function nameNumber(doc: CheckDocument, i: number): { first: number; last: number } | undefined {
  const t = doc.tokens;
  let k = i;
  let words = 0;
  let foreign = false;
  while (k < t.length && words < 3) {
    const x = t[k];
    if (!x || x.kind !== 'word' || !(x.cap || words > 0)) break;
    if (foreignWord(doc, x)) foreign = true;
    words++;
    k = nextIdx(t, k);
  }
  const num = t[k];
  if (words === 0 || !foreign || !num || num.kind !== 'num' || num.text.length > 4)
    return undefined;
  return { first: i, last: k };
}

const ADDRESS_CUES = new Set([
  'address',
  'lives',
  'live',
  'living',
  'moved',
  'at',
  'on',
  'to',
  'is',
  'dirección',
  'vive',
  'en',
]);

function afterAddressCue(doc: CheckDocument, i: number): boolean {
  for (let k = i - 1; k >= 0 && k > i - 4; k--) {
    const x = doc.tokens[k];
    if (!x) return false;
    if (x.kind === 'space' || x.text === ':') continue;
    return x.kind === 'word' && ADDRESS_CUES.has(x.norm);
  }
  return false;
}

/** The foreign street endings grouped by their last character, so a word is compared only with endings that can fit. */
const ENDINGS_BY_LAST = new Map<number, string[]>();
for (const e of FOREIGN_STREET_ENDINGS) {
  const last = e.charCodeAt(e.length - 1);
  ENDINGS_BY_LAST.set(last, [...(ENDINGS_BY_LAST.get(last) ?? []), e]);
}

/** "Friedhofstrasse", "Koskikatu": a word ending in a foreign street ending, with at least three letters before it. */
function hasForeignStreetEnding(norm: string): boolean {
  const endings = ENDINGS_BY_LAST.get(norm.charCodeAt(norm.length - 1));
  if (!endings) return false;
  for (const e of endings) if (norm.length > e.length + 2 && norm.endsWith(e)) return true;
  return false;
}

/** "Friedhofstrasse 33", "Calle Mayor 5", "Koskikatu 25". */
function nameFirst(t: Token[], i: number): { first: number; last: number } | undefined {
  const tok = t[i];
  if (!tok) return undefined;
  let k = nextIdx(t, i);
  if (STREET_PREFIXES.has(tok.norm)) {
    let words = 0;
    while (k < t.length && words < 4 && t[k]?.kind === 'word') {
      words++;
      k = nextIdx(t, k);
    }
    if (words === 0) return undefined;
  } else if (!hasForeignStreetEnding(tok.norm)) return undefined;
  const num = t[k];
  if (num && (num.kind === 'num' || num.kind === 'alnum') && num.text.length <= 6)
    return { first: i, last: k };
  return undefined;
}

/** "Apt. 117", "Suite 464", "PO Box 12", "PSC 3294, Box 9168". */
function unitOnly(t: Token[], i: number): { first: number; last: number } | undefined {
  let k = nextIdx(t, i);
  if (t[k]?.norm === 'box') k = nextIdx(t, k);
  if (t[k]?.text === '#') k = nextIdx(t, k);
  const num = t[k];
  if (num && (num.kind === 'num' || num.kind === 'alnum') && num.text.length <= 6)
    return { first: i, last: k };
  return undefined;
}

/** Continues over ", Apt 4", ", Springfield, IL 62704" on the same line. */
function extendTail(t: Token[], last: number): number {
  let end = last;
  let k = last + 1;
  let guard = 0;
  while (k < t.length && guard++ < 24) {
    const x = t[k];
    if (!x) break;
    if (x.kind === 'space' && x.newline) break;
    if (x.kind === 'space' || x.text === ',' || x.text === '.' || x.text === '#') {
      k++;
      continue;
    }
    if (x.kind === 'word' && UNIT_WORDS.has(x.norm)) {
      const n = t[nextIdx(t, k)];
      if (n && (n.kind === 'num' || n.kind === 'alnum')) {
        end = nextIdx(t, k);
        k = end + 1;
        continue;
      }
      break;
    }
    if (
      x.kind === 'word' &&
      ((US_STATE_CODES.has(x.norm) && x.allCaps) || US_STATE_NAMES.has(x.norm))
    ) {
      end = k;
      k++;
      continue;
    }
    if (x.kind === 'num' && x.text.length === 5 && end !== last) {
      end = k;
      k++;
      if (t[k]?.text === '-' && t[k + 1]?.kind === 'num') {
        end = k + 1;
        k += 2;
      }
      break;
    }
    if (x.kind === 'word' && x.cap && !UNIT_WORDS.has(x.norm)) {
      // A city before a state: accept it only if a state follows within three tokens.
      let j = k;
      let ok = false;
      for (let s = 0; s < 6 && j < t.length; s++) {
        j = nextIdx(t, j);
        const y = t[j];
        if (y?.text === ',') continue;
        if (
          y &&
          y.kind === 'word' &&
          ((US_STATE_CODES.has(y.norm) && y.allCaps) || US_STATE_NAMES.has(y.norm))
        )
          ok = true;
        break;
      }
      if (!ok) break;
      end = k;
      k++;
      continue;
    }
    break;
  }
  return end;
}

function report(doc: CheckDocument, first: number, last: number): void {
  const a = doc.tokens[first];
  const b = doc.tokens[last];
  if (!a || !b) return;
  const start = a.start;
  const end = b.end;
  doc.claim(start, end);
  if (isPracticeAddress(doc, first, last)) return;
  if (doc.accepts())
    doc.add(
      {
        rule: 'phi.street-address',
        category: 'geographic',
        start,
        end,
        severity: doc.severityFor('contextual', start),
        message:
          'A street address that is not the practice’s. A patient’s or relative’s address is PHI.',
        fix: redactFix('geographic', '[address]'),
      },
      65,
      'contextual',
    );
}

function isPracticeAddress(doc: CheckDocument, first: number, last: number): boolean {
  const own = doc.practice.addressTokens;
  if (own.size === 0) return false;
  let seen = 0;
  let matched = 0;
  for (let k = first; k <= last && k < first + 12; k++) {
    const x = doc.tokens[k];
    if (!x || !(x.kind === 'word' || x.kind === 'num' || x.kind === 'alnum')) continue;
    if (x.kind === 'word' && STREET_SUFFIXES.has(x.norm)) continue;
    seen++;
    if (own.has(x.norm)) matched++;
    // A different house or box number is a different address.
    else if (x.kind === 'num') return false;
  }
  return seen > 0 && matched / seen >= 0.6 && own.has(doc.tokens[first]?.norm ?? '');
}
