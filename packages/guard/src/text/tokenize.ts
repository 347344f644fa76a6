import {
  codePointWidth,
  isAsciiDigit,
  isAsciiLetter,
  isLetterAt,
  isSpaceAt,
  isUpperAt,
} from './char-class.js';

/** word: letters (with inner ' or - joins); num: digits; alnum: letters and digits mixed; space; punct: any other single code point. */
export type TokenKind = 'word' | 'num' | 'alnum' | 'space' | 'punct';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Source text of the token. */
  text: string;
  /** Lowercased, NFC text, with a trailing possessive 's removed from words. */
  norm: string;
  /** First character is an uppercase letter. */
  cap: boolean;
  /** Every letter is uppercase (and there are at least two). */
  allCaps: boolean;
  /** Index of the sentence the token belongs to. */
  sentence: number;
  /** First word-ish token of its sentence. */
  sentenceStart: boolean;
  /** Space tokens only: contains a line break. */
  newline: boolean;
}

const CAP = 1;
const ALL_CAPS = 2;
const SENTENCE_START = 4;
const NEWLINE = 8;

/** Kind codes packed into `StoredToken.bits` (bits 4–6). */
const KINDS: readonly TokenKind[] = ['word', 'num', 'alnum', 'space', 'punct'];
const KIND_CODE: Readonly<Record<TokenKind, number>> = {
  word: 0,
  num: 1,
  alnum: 2,
  space: 3,
  punct: 4,
};
const KIND_SHIFT = 4;
const SENTENCE_SHIFT = 7;

/**
 * A token as stored: four fields — `bits` packs the kind, the four flags and the sentence index — with everything
 * else derived on the prototype. A 1 MB input can have over half a million tokens; Node's pointers are 8 bytes, so
 * each field costs 8 bytes per token, and that memory (copied by every young-generation GC it survives) is most of
 * the tokenizer's cost.
 */
class StoredToken implements Token {
  start = 0;
  text = '';
  norm = '';
  /** sentence << 7 | kind << 4 | CAP | ALL_CAPS | SENTENCE_START | NEWLINE. */
  bits = 0;

  get kind(): TokenKind {
    return KINDS[(this.bits >> KIND_SHIFT) & 7] as TokenKind;
  }

  get sentence(): number {
    return this.bits >>> SENTENCE_SHIFT;
  }

  get end(): number {
    return this.start + this.text.length;
  }

  get cap(): boolean {
    return (this.bits & CAP) !== 0;
  }

  get allCaps(): boolean {
    return (this.bits & ALL_CAPS) !== 0;
  }

  get sentenceStart(): boolean {
    return (this.bits & SENTENCE_START) !== 0;
  }

  get newline(): boolean {
    return (this.bits & NEWLINE) !== 0;
  }
}

/** Tokens longer than this are kept whole but never normalised or looked up: caps per-token work on adversarial input. */
export const MAX_TOKEN_LENGTH = 64;

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** Closing quotes and brackets. */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019 || c === 0xbb;
}
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'dra',
  'sr',
  'sra',
  'srta',
  'jr',
  'st',
  'ave',
  'apt',
  'no',
  'vs',
  'etc',
  'prof',
  'rev',
  'hon',
  'lt',
  'col',
  'gen',
  'sgt',
  'capt',
  'mt',
  'ft',
  'blvd',
  'rd',
  'ste',
  'dept',
  'inc',
  'co',
  'corp',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'approx',
  'ext',
  'tel',
]);

/**
 * Splits text into tokens with UTF-16 offsets in one linear pass.
 * Sentence boundaries are `.`, `!`, `?` followed by space, or a line break.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let sentence = 0;
  let atSentenceStart = true;
  let pendingBoundary = false;
  let prev: Token | undefined;
  while (i < n) {
    const start = i;
    const c = text.charCodeAt(i);
    let kind: TokenKind;
    let newline = false;
    // Letter cases seen while scanning a word, so that lowercasing and the all-caps test need no second pass.
    let upper = false;
    let lower = false;
    let nonAscii = false;
    if (isSpaceAt(text, i)) {
      while (i < n && isSpaceAt(text, i)) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13) newline = true;
        i++;
      }
      kind = 'space';
      if (pendingBoundary || newline) {
        if (!atSentenceStart) sentence++;
        atSentenceStart = true;
      }
      pendingBoundary = false;
    } else if (isAsciiDigit(c) || isLetterAt(text, i)) {
      let letters = false;
      let digits = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isAsciiDigit(d)) {
          digits = true;
          i++;
        } else if (d < 128 ? isAsciiLetter(d) : isLetterAt(text, i)) {
          letters = true;
          if (d >= 128) {
            nonAscii = true;
            i += codePointWidth(text, i);
          } else {
            if (d <= 90) upper = true;
            else lower = true;
            i++;
          }
        } else if (
          (isApostrophe(d) || d === 45) &&
          letters &&
          !digits &&
          i + 1 < n &&
          isLetterAt(text, i + 1)
        ) {
          // O'Brien, Mary-Jane, don't: one word.
          i++;
        } else break;
      }
      kind = letters ? (digits ? 'alnum' : 'word') : 'num';
    } else {
      i += codePointWidth(text, i);
      kind = 'punct';
    }
    const raw = text.slice(start, i);
    const long = raw.length > MAX_TOKEN_LENGTH;
    const isWordish = kind === 'word' || kind === 'alnum' || kind === 'num';
    const cap = kind === 'word' && !long && isUpperAt(text, start);
    let norm = raw;
    if ((kind === 'word' || kind === 'alnum') && !long) {
      // A word with no uppercase letter is its own norm: the same string, so it is hashed once for every lookup.
      norm = nonAscii ? raw.normalize('NFC').toLowerCase() : upper ? raw.toLowerCase() : raw;
      if (kind === 'word') norm = stripPossessive(norm);
    }
    const flags =
      (cap ? CAP : 0) |
      (cap && raw.length > 1 && (nonAscii ? hasNoLowercase(raw) : !lower) ? ALL_CAPS : 0) |
      (isWordish && atSentenceStart ? SENTENCE_START : 0) |
      (newline ? NEWLINE : 0);
    const token = new StoredToken();
    token.start = start;
    token.text = raw;
    token.norm = norm;
    token.bits = (sentence << SENTENCE_SHIFT) | (KIND_CODE[kind] << KIND_SHIFT) | flags;
    tokens.push(token);
    if (isWordish) atSentenceStart = false;
    if (kind === 'punct') {
      if (c === 46) {
        // "Mr. Kline", "J. Smith", "Apt. 4": a period after an abbreviation or an initial ends no sentence.
        pendingBoundary = !(
          prev &&
          prev.kind === 'word' &&
          (prev.text.length === 1 || ABBREVIATIONS.has(prev.norm))
        );
      } else if (c === 33 || c === 63 || c === 0x3002) {
        pendingBoundary = true;
      } else if (!isCloser(c)) {
        // Closing quotes and brackets keep a pending boundary alive: `"Thanks!" said…`.
        pendingBoundary = false;
      }
    } else if (kind !== 'space') {
      pendingBoundary = false;
    }
    prev = token;
  }
  return tokens;
}

/** `s === s.toUpperCase()` without allocating for ASCII text. */
function hasNoLowercase(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return s === s.toUpperCase();
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}

function stripPossessive(s: string): string {
  const last = s.charCodeAt(s.length - 1);
  if (last !== 115 && last !== 39 && last !== 0x2019) return s;
  if (s.length > 2 && (s.endsWith("'s") || s.endsWith('\u2019s'))) return s.slice(0, -2);
  if (s.length > 1 && (s.endsWith("'") || s.endsWith('\u2019'))) return s.slice(0, -1);
  return s;
}
