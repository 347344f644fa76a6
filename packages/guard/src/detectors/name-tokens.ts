import type { CheckDocument } from '../engine/document.js';
import type { Token } from '../text/tokenize.js';
import { NOT_NAMES } from '../data/vocab/name-cues.js';
import { US_STATE_NAMES } from '../data/vocab/places.js';
import { SPANISH_WORDS } from '../data/vocab/spanish-words.js';

/**
 * How a single token looks to the name model:
 * given/surname: in a name list and not a common word; ambiguous: in a name list and a common word ("Will", "Rose");
 * unknown: capitalised, in no list (foreign names); initial: "J." ; lower: lowercase but in a name list.
 */
export type NameClass = 'given' | 'surname' | 'ambiguous' | 'unknown' | 'initial' | 'lower' | 'no';

const MAX_NAME_TOKEN = 30;

/** Classifies token `i` for the name model. Results depend only on the token's text, so they are memoised per check. */
export function classifyNameToken(doc: CheckDocument, i: number): NameClass {
  const t = doc.tokens[i];
  if (!t || t.kind !== 'word' || doc.isClaimed(i) || t.text.length > MAX_NAME_TOKEN) return 'no';
  if (t.text.length === 1) return t.cap && doc.tokens[i + 1]?.text === '.' ? 'initial' : 'no';
  const cached = memo.get(t.text);
  if (cached) return cached;
  const c = classifyWord(doc, t);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(t.text, c);
  return c;
}

/**
 * A word's class depends only on its spelling and the shared gazetteers (never on the practice), so one memo serves
 * every check; it is cleared when full to keep memory bounded.
 */
const memo = new Map<string, NameClass>();
const MEMO_LIMIT = 50_000;

function classifyWord(doc: CheckDocument, t: Token): NameClass {
  const norm = t.norm;
  if (
    NOT_NAMES.has(norm) ||
    US_STATE_NAMES.has(norm) ||
    (norm.endsWith('s') && NOT_NAMES.has(norm.slice(0, -1)))
  )
    return 'no';
  const lex = doc.lex;
  const parts = norm.includes('-') ? norm.split('-') : [norm];
  const given = parts.some((p) => lex.firstNames.has(p));
  const surname = parts.some((p) => lex.surnames.has(p));
  const english =
    lex.english.has(norm) ||
    SPANISH_WORDS.has(norm) ||
    (norm.endsWith('s') && lex.english.has(norm.slice(0, -1)));
  if (!t.cap) {
    if (!/^\p{Ll}/u.test(t.text)) return 'no';
    return (given || surname) && !english ? 'lower' : 'no';
  }
  if (t.allCaps && !(given || surname) && t.text.length <= 4) return 'no';
  if (given || surname) {
    if (english) return 'ambiguous';
    return given ? 'given' : 'surname';
  }
  if (english) return 'no';
  if (lex.usCities.has(norm) || lex.worldCities.has(norm)) return 'no';
  return isPlausibleName(t) ? 'unknown' : 'no';
}

/** Unknown capitalised words: letters only (apostrophes and hyphens inside allowed), no inner capitals except Mc/Mac/O'/De style. */
function isPlausibleName(t: Token): boolean {
  const s = t.text.replace(/['’]s$/u, '');
  if (s.length < 2) return false;
  if (/^[A-Z][a-z'-]+$/.test(s)) return !SUFFIXES.test(t.norm);
  if (
    !/^[\p{Lu}][\p{Ll}\p{M}'’-]+$/u.test(s) &&
    !/^(?:Mc|Mac|O'|O’|De|Di|La|Le|Van|Von)[\p{Lu}][\p{Ll}]+$/u.test(s) &&
    !(t.allCaps && s.length > 4 && /^\p{Lu}+$/u.test(s))
  )
    return false;
  return !SUFFIXES.test(t.norm);
}

/** Endings of English (often medical) words that are never given or family names. */
const SUFFIXES =
  /(?:ing|tion|ment|ness|able|ible|ology|itis|ectomy|osis|oma|emia|pathy|plasty|scopy|algia|ism|ists?|ians?|ese)$/;
