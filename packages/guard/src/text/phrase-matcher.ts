import type { Token } from './tokenize.js';

/** One compiled phrase: each slot is a set of accepted words, or a gap of up to N arbitrary words. */
type Slot = { words: ReadonlySet<string> } | { gap: number };

export interface PhraseMatch<T> {
  /** Token indices of the first and last matched word. */
  first: number;
  last: number;
  data: T;
}

/** Words a phrase can step over; anything else (a sentence end, a comma) stops it. */
function isWord(t: Token | undefined): boolean {
  return (
    t !== undefined &&
    (t.kind === 'word' ||
      t.kind === 'num' ||
      t.kind === 'alnum' ||
      (t.kind === 'punct' && SYMBOL_WORDS.has(t.text)))
  );
}

/** Symbols that patterns can name as words: "100 %", "# 1", "5 ★". */
const SYMBOL_WORDS = new Set(['%', '#', '&', '★', '/']);

/** Normalises curly apostrophes so "we’re" and "we're" match the same pattern. */
export function phraseWord(t: Token): string {
  return t.norm.includes('’') ? t.norm.replace(/’/g, "'") : t.norm;
}

/**
 * Matches word patterns against tokens in one pass, indexed by each pattern's first word.
 * Pattern syntax: words separated by spaces; `(a|b|c)` alternatives; `~2` up to two arbitrary words.
 * Example: `your ~2 (visit|appointment)` matches "your last visit" and "your son's appointment".
 */
export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, { slots: Slot[]; data: T }[]>();

  constructor(patterns: ReadonlyArray<readonly [string, T]>) {
    for (const [pattern, data] of patterns) {
      const slots = compile(pattern);
      const head = slots[0];
      if (!head || !('words' in head)) throw new Error(`Phrase must start with a word: ${pattern}`);
      for (const w of head.words) {
        const list = this.byFirst.get(w) ?? [];
        list.push({ slots, data });
        this.byFirst.set(w, list);
      }
    }
  }

  /** All matches, at most one per start token (the first pattern that fits). */
  matchAll(tokens: readonly Token[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (!t || !isWord(t) || t.text.length > 40) continue;
      const candidates = this.byFirst.get(phraseWord(t));
      if (!candidates) continue;
      for (const c of candidates) {
        const last = matchFrom(tokens, i, c.slots);
        if (last !== -1) {
          out.push({ first: i, last, data: c.data });
          break;
        }
      }
    }
    return out;
  }
}

function compile(pattern: string): Slot[] {
  return pattern
    .trim()
    .split(/\s+/)
    .map((part): Slot => {
      if (part.startsWith('~')) return { gap: Number(part.slice(1)) || 1 };
      const body = part.startsWith('(') && part.endsWith(')') ? part.slice(1, -1) : part;
      return { words: new Set(body.split('|')) };
    });
}

/** Index of the next word token after `i`, crossing only spaces (and hyphens inside "follow-up" style words). */
function nextWord(tokens: readonly Token[], i: number): number {
  for (let k = i + 1; k < tokens.length && k < i + 4; k++) {
    const t = tokens[k];
    if (!t) return -1;
    if (t.kind === 'space' || t.text === '-' || t.text === ',') {
      if (t.newline) return -1;
      continue;
    }
    // "Dr. Lee": the period after a short abbreviation does not break a phrase.
    if (t.text === '.' && k === i + 1 && (tokens[i]?.text.length ?? 9) <= 3) continue;
    return isWord(t) ? k : -1;
  }
  return -1;
}

function matchFrom(tokens: readonly Token[], i: number, slots: Slot[]): number {
  const step = (pos: number, s: number): number => {
    if (s === slots.length) return pos;
    const slot = slots[s];
    if (!slot) return -1;
    const n = nextWord(tokens, pos);
    if (n === -1) return -1;
    if ('gap' in slot) {
      let at = pos;
      for (let g = 0; g <= slot.gap; g++) {
        const r = step(at, s + 1);
        if (r !== -1) return r;
        at = nextWord(tokens, at);
        if (at === -1) return -1;
      }
      return -1;
    }
    const tok = tokens[n];
    return tok && slot.words.has(phraseWord(tok)) ? step(n, s + 1) : -1;
  };
  return step(i, 1);
}
