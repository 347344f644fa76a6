/**
 * Splits text into lowercase word tokens in one pass. Apostrophes stay inside words ("don't"), and
 * the typographic apostrophe counts as one; "n't" becomes its own token "not" so that "didn't" and
 * "did not" look the same to the model. Each emoji or pictograph is a token of its own (they carry
 * sentiment). Sentence punctuation is returned as the token "." so that features do not cross it.
 */
export const BOUNDARY = '.';

const APOSTROPHE = 0x27;

function isWordCode(code: number): boolean {
  if (code >= 0x61 && code <= 0x7a) return true; // a-z (the text is lowercased first)
  if (code >= 0x30 && code <= 0x39) return true;
  if (code < 0xc0) return false;
  // Latin-1 letters and beyond, except general punctuation, symbols and surrogates (emoji).
  if (code === 0xd7 || code === 0xf7) return false;
  if (code >= 0x2000 && code <= 0x2bff) return false;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  if (code >= 0x3000 && code <= 0x303f) return false;
  if (code >= 0xfe00 && code <= 0xfe0f) return false; // variation selectors (❤️ = ❤ + U+FE0F)
  return true;
}

function isBoundaryCode(code: number): boolean {
  // . ! ? ; : and newline end a clause; so do … and the CJK full stop.
  return (
    code === 0x2e ||
    code === 0x21 ||
    code === 0x3f ||
    code === 0x3b ||
    code === 0x3a ||
    code === 0x0a ||
    code === 0x2026 ||
    code === 0x3002
  );
}

function isPictograph(code: number): boolean {
  return (code >= 0x2600 && code <= 0x27bf) || (code >= 0xd800 && code <= 0xdbff);
}

function pushWord(tokens: string[], word: string): void {
  let w = word;
  while (w.endsWith("'")) w = w.slice(0, -1);
  while (w.startsWith("'")) w = w.slice(1);
  if (w.length === 0) return;
  if (w.endsWith("n't") && w.length > 3) {
    const stem = w.slice(0, -3);
    tokens.push(stem === 'ca' ? 'can' : stem === 'wo' ? 'will' : stem, 'not');
    return;
  }
  tokens.push(w);
}

export function tokenize(text: string): string[] {
  return tokenizeLowercase(text.toLowerCase());
}

/** {@link tokenize} for text the caller has already lowercased (saves a copy on the hot path). */
export function tokenizeLowercase(lowercased: string): string[] {
  let lower = lowercased;
  if (lower.includes('\u2019')) lower = lower.replaceAll('\u2019', "'");
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (isWordCode(code) || (code === APOSTROPHE && start >= 0)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      pushWord(tokens, lower.slice(start, i));
      start = -1;
    }
    if (isBoundaryCode(code)) {
      if (tokens.length > 0 && tokens[tokens.length - 1] !== BOUNDARY) tokens.push(BOUNDARY);
    } else if (isPictograph(code)) {
      const pair = code >= 0xd800 && i + 1 < lower.length;
      tokens.push(pair ? lower.slice(i, i + 2) : lower[i]!);
      if (pair) i++;
    }
  }
  if (start >= 0) pushWord(tokens, lower.slice(start));
  return tokens;
}
