import { NEGATIVE_WORDS, POSITIVE_WORDS } from '../sentiment/lexicon.js';
import { BOUNDARY, tokenize, tokenizeLowercase } from '../text/tokenize.js';

/**
 * Turns text into hashed features: unigrams, bigrams within a clause, the first five letters of
 * each longer word (a crude stem: "explained", "explaining" and "explanation" share "expla"), a
 * "negated" copy of the three words after a negator ("not helpful" → NOT(helpful)), and one
 * feature per lexicon hit (positive or negative, flipped under negation; src/sentiment/lexicon.ts).
 * Training (scripts/train.ts) and inference use this one function, so they can never disagree.
 */

const NEGATORS: ReadonlySet<string> = new Set(['not', 'no', 'never', 'without', 'hardly', 'nor']);
const NEGATION_SPAN = 3;
const NEGATED_SALT = 0x9e3779b9;
const BIGRAM_SALT = 0x85ebca6b;
const PREFIX_SALT = 0xc2b2ae35;
/** Words longer than this also give their first PREFIX_LENGTH characters as a feature. */
export const PREFIX_LENGTH = 5;
/** Fixed ids of the two lexicon features. */
export const LEXICON_POSITIVE = hashString('\u0000lexicon:positive');
export const LEXICON_NEGATIVE = hashString('\u0000lexicon:negative');

/** FNV-1a over UTF-16 code units: fast, stable across platforms, no allocation. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b >>> 15), 0x2c1b3c6d) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0x297a2d39);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Feature ids of a token list (duplicates kept: a word said twice counts twice). `prefixLength`
 * 0 leaves out the prefix features (only the cross-validation in scripts/topic-cv.ts does that).
 */
export function featuresOfTokens(
  tokens: readonly string[],
  prefixLength: number = PREFIX_LENGTH,
): number[] {
  const out: number[] = [];
  let previous = 0;
  let negatedLeft = 0;
  for (const token of tokens) {
    if (token === BOUNDARY) {
      previous = 0;
      negatedLeft = 0;
      continue;
    }
    // FNV-1a of the token, noting the state after PREFIX_LENGTH code units: that is the hash of
    // the prefix, so the prefix feature costs no second pass and no slice.
    let h = 0x811c9dc5;
    let prefix = 0;
    for (let i = 0; i < token.length; i++) {
      if (i === prefixLength) prefix = h >>> 0;
      h ^= token.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h >>>= 0;
    out.push(h);
    if (prefixLength > 0 && token.length > prefixLength) out.push(mix(prefix, PREFIX_SALT));
    if (previous !== 0) out.push(mix(previous, h ^ BIGRAM_SALT));
    const polarity = POSITIVE_WORDS.has(token) ? 1 : NEGATIVE_WORDS.has(token) ? -1 : 0;
    if (negatedLeft > 0) {
      out.push(mix(h, NEGATED_SALT));
      negatedLeft--;
      if (polarity !== 0) out.push(polarity > 0 ? LEXICON_NEGATIVE : LEXICON_POSITIVE);
    } else if (polarity !== 0) out.push(polarity > 0 ? LEXICON_POSITIVE : LEXICON_NEGATIVE);
    if (NEGATORS.has(token)) negatedLeft = NEGATION_SPAN;
    previous = h;
  }
  return out;
}

export function features(text: string): number[] {
  return featuresOfTokens(tokenize(text));
}

/** {@link features} of text the caller has already lowercased. */
export function featuresOfLowercase(lowercased: string): number[] {
  return featuresOfTokens(tokenizeLowercase(lowercased));
}
