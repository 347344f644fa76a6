/** Character tests used by the tokenizer. ASCII is answered by code ranges; the rest by one Unicode property regex per character. */

const LETTER = /[\p{L}\p{M}]/u;
const UPPER = /\p{Lu}/u;
const SPACE = /\s/u;

export function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** True for a letter or combining mark starting at `i` (handles astral letters through surrogate pairs). */
export function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiLetter(c);
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i);
    return cp !== undefined && cp > 0xffff && LETTER.test(String.fromCodePoint(cp));
  }
  if (c >= 0xdc00 && c <= 0xdfff) return false;
  return LETTER.test(text[i] ?? '');
}

/** Width in code units of the code point at `i` (2 for a valid surrogate pair, else 1). */
export function codePointWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

export function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 32 || c === 9 || c === 10 || c === 13) return true;
  if (c < 128) return false;
  return SPACE.test(text[i] ?? '');
}

export function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  const cp = text.codePointAt(i);
  return cp !== undefined && UPPER.test(String.fromCodePoint(cp));
}
