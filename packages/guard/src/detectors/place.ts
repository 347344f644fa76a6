import type { CheckDocument } from '../engine/document.js';
import { redactFix } from '../engine/redaction.js';
import { CITY, CITY_FIRST_WORD } from '../data/lexicon.js';
import { US_STATE_CODES, US_STATE_NAMES } from '../data/vocab/places.js';

const MAX_PLACE_TOKENS = 4;
const LOCATIVES = new Set([
  'in',
  'at',
  'from',
  'near',
  'to',
  'of',
  'en',
  'de',
  'desde',
  'around',
  'outside',
  'lives',
  'live',
  'moved',
  'visiting',
  'serving',
]);
const PLACE_WORDS = new Set([
  'county',
  'parish',
  'township',
  'village',
  'borough',
  'neighborhood',
  'condado',
]);

/**
 * Cities and counties (geographic subdivisions smaller than a state) from the US and world city gazetteers.
 * City names that are also common words or given names need a locative ("in", "from") or a state after them.
 * The practice's own city is skipped.
 */
export function detectPlaces(doc: CheckDocument): void {
  const t = doc.tokens;
  const lex = doc.lex;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    if (!tok || tok.kind !== 'word' || !tok.cap || doc.isClaimed(i)) continue;
    let best = -1;
    let name = '';
    let k = i;
    let words = 0;
    let cand = '';
    while (k < t.length && words < MAX_PLACE_TOKENS) {
      const x = t[k];
      if (!x || x.kind !== 'word' || doc.isClaimed(k)) break;
      cand = words === 0 ? x.norm : `${cand} ${x.norm}`;
      words++;
      const place = lex.places.get(cand) ?? 0;
      if (place & CITY) {
        best = k;
        name = cand;
      }
      const sp = t[k + 1];
      if (words === 1 && !(place & CITY_FIRST_WORD)) break;
      if (!sp || sp.kind !== 'space' || sp.newline || !t[k + 2]?.cap) break;
      k += 2;
    }
    let county = false;
    if (best === -1) {
      const next = t[i + 2];
      if (next && PLACE_WORDS.has(next.norm) && t[i + 1]?.kind === 'space') {
        best = i + 2;
        name = tok.norm;
        county = true;
      } else continue;
    }
    const last = t[best];
    if (!last) continue;
    i = best;
    if (doc.practice.cities.has(name) || (doc.practice.addressTokens.has(name) && !county))
      continue;
    if (
      US_STATE_NAMES.has(name) ||
      name
        .split(' ')
        .every((w) => doc.practice.practiceNameTokens.has(w) || doc.practice.addressTokens.has(w))
    )
      continue;
    const prev = prevWord(doc, tok.start);
    const stateAfter = stateFollows(doc, best);
    const ambiguous =
      lex.english.has(name) ||
      lex.firstNames.has(name) ||
      lex.surnames.has(name) ||
      tok.sentenceStart;
    if (ambiguous && !county && !LOCATIVES.has(prev) && !stateAfter) continue;
    doc.claim(tok.start, last.end);
    if (doc.accepts())
      doc.add(
        {
          rule: 'phi.place',
          category: 'geographic',
          start: tok.start,
          end: last.end,
          severity: doc.severityFor('incidental', tok.start),
          message:
            'A town, city or county. Together with a patient it narrows down who they are; states are fine.',
          fix: redactFix('geographic', '[place]'),
        },
        25,
        'incidental',
      );
  }
}

function prevWord(doc: CheckDocument, offset: number): string {
  for (let k = doc.tokenIndexAt(offset) - 1; k >= 0 && k > doc.tokenIndexAt(offset) - 4; k--) {
    const x = doc.tokens[k];
    if (x && x.kind === 'word') return x.norm;
    if (x && x.kind === 'punct') return '';
  }
  return '';
}

function stateFollows(doc: CheckDocument, index: number): boolean {
  for (let k = index + 1; k < doc.tokens.length && k < index + 4; k++) {
    const x = doc.tokens[k];
    if (!x) return false;
    if (x.kind === 'space' || x.text === ',') continue;
    return (
      x.kind === 'word' && ((x.allCaps && US_STATE_CODES.has(x.norm)) || US_STATE_NAMES.has(x.norm))
    );
  }
  return false;
}
