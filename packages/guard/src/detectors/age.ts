import type { CheckDocument } from '../engine/document.js';
import type { Token } from '../text/tokenize.js';

const AGE_AFTER = new Set([
  'year',
  'years',
  'yr',
  'yrs',
  'yo',
  'años',
  'anos',
  'y',
  'year-old',
  'years-old',
  'yr-old',
  'yrs-old',
  'month-old',
]);
const AGE_BEFORE = new Set(['age', 'aged', 'edad', 'ages']);
const BIRTHDAY = new Set([
  'birthday',
  'bday',
  'cumpleaños',
  'cumpleanos',
  'happy',
  'feliz',
  'turns',
  'turned',
  'turning',
  'celebrating',
  'celebrates',
]);
const AGE_TURNS = new Set(['turns', 'turned', 'turning', 'cumple', 'cumplió', 'cumplio']);
const NUMBER_WORDS = new Set(['número', 'numero', 'no', 'number']);
const ORDINAL = /^(\d{2,3})(?:st|nd|rd|th)$/i;

/**
 * Ages: "92 years old", "a 95-year-old", "age 91", "Happy 90th", "born in 1931". Safe Harbor: ages over 89 (and dates
 * implying them) must go; younger ages are noted only.
 */
export function detectAges(doc: CheckDocument): void {
  const t = doc.tokens;
  const year = new Date().getUTCFullYear();
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    if (!tok || doc.isClaimed(i)) continue;
    if (tok.kind === 'num' && tok.text.length <= 3) {
      const after = nextWord(t, i);
      const before = prevWord(t, i);
      const stated =
        before !== undefined &&
        (before.norm === 'is' ||
          before.norm === 'was' ||
          before.norm === 'now' ||
          before.norm === 'tiene') &&
        Number(tok.text) >= 90 &&
        doc.personCue(tok.sentence);
      const birthday =
        stated ||
        (before !== undefined &&
          (AGE_TURNS.has(before.norm) ||
            (NUMBER_WORDS.has(before.norm) &&
              BIRTHDAY.has(prevWord(t, before.index)?.norm ?? ''))));
      if (
        (after &&
          AGE_AFTER.has(after.norm) &&
          (after.norm !== 'y' || t[after.index + 1]?.text === '/')) ||
        (before && AGE_BEFORE.has(before.norm)) ||
        birthday
      ) {
        report(doc, tok, Number(tok.text));
      }
      continue;
    }
    if (tok.kind === 'alnum') {
      const m = ORDINAL.exec(tok.text);
      if (!m) continue;
      const before = prevWord(t, i);
      const after = nextWord(t, i);
      if (
        (before && BIRTHDAY.has(before.norm)) ||
        (after && (after.norm === 'birthday' || after.norm === 'bday'))
      )
        report(doc, tok, Number(m[1]));
      continue;
    }
    if (tok.kind === 'num' && tok.text.length === 4) {
      const before = prevWord(t, i);
      const v = Number(tok.text);
      if (
        before &&
        (before.norm === 'in' || before.norm === 'born') &&
        v > 1850 &&
        v <= year - 90 &&
        /born|nació|nacio/.test(wordsBack(t, i))
      )
        report(doc, tok, year - v);
    }
  }
}

function report(doc: CheckDocument, tok: Token, age: number): void {
  if (!(age > 0 && age < 130)) return;
  const old = age > 89;
  if (doc.accepts())
    doc.add(
      {
        rule: old ? 'phi.age-over-89' : 'phi.age',
        category: 'age',
        start: tok.start,
        end: tok.end,
        severity: old ? (doc.kind === 'inbound' ? 'info' : 'block') : 'info',
        message: old
          ? 'Ages over 89 are rare enough to identify someone; Safe Harbor requires grouping them as "90 or older".'
          : 'An age. Ages under 90 are not an identifier on their own.',
        ...(old
          ? {
              fix: {
                kind: 'redact' as const,
                replacement: '90+',
                description: 'Say "90 or older" instead of the exact age.',
              },
            }
          : {}),
      },
      old ? 60 : 10,
    );
  doc.claim(tok.start, tok.end);
}

/** The nearest word after token `i` (its norm and index), skipping spaces and hyphens. */
function nextWord(t: Token[], i: number): NearWord | undefined {
  for (let k = i + 1; k < t.length && k < i + 4; k++) {
    const x = t[k];
    if (!x || x.kind === 'space' || x.text === '-') continue;
    return x.kind === 'word' ? { norm: x.norm, index: k } : undefined;
  }
  return undefined;
}

/** The nearest word before token `i`, skipping spaces, commas and colons. */
function prevWord(t: Token[], i: number): NearWord | undefined {
  for (let k = i - 1; k >= 0 && k > i - 4; k--) {
    const x = t[k];
    if (!x || x.kind === 'space' || x.text === ',' || x.text === ':') continue;
    return x.kind === 'word' ? { norm: x.norm, index: k } : undefined;
  }
  return undefined;
}

/** A word near an age: only its norm and position are read (no copy of the whole token). */
interface NearWord {
  norm: string;
  index: number;
}

function wordsBack(t: Token[], i: number): string {
  let s = '';
  for (let k = i - 1; k >= 0 && k > i - 8; k--) s += ` ${t[k]?.norm ?? ''}`;
  return s;
}
