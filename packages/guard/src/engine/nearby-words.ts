import type { CheckDocument } from './document.js';

/** Widest look-back any detector asks for; one scan this wide answers every narrower question at the same offset. */
const WIDEST = 8;

/** The last look-back per document: the numeric matchers ask about the same offset several times in a row. */
interface LookBack {
  offset: number;
  words: string[];
  /** Steps (tokens walked back) at which each word was found, to answer a narrower `count` exactly. */
  steps: number[];
}
const lastLookBack = new WeakMap<CheckDocument, LookBack>();

/**
 * Norms of up to `count` word-like tokens before `offset`, nearest first, within its sentence and line.
 * The returned array may be shared between callers: read it, never mutate it.
 */
export function wordsBefore(doc: CheckDocument, offset: number, count: number): string[] {
  if (count > WIDEST) return scanBefore(doc, offset, count).words;
  let cached = lastLookBack.get(doc);
  if (!cached || cached.offset !== offset) {
    cached = { offset, ...scanBefore(doc, offset, WIDEST) };
    lastLookBack.set(doc, cached);
  }
  const { words, steps } = cached;
  let n = 0;
  while (n < words.length && n < count && (steps[n] ?? 0) < count * 4) n++;
  return n === words.length ? words : words.slice(0, n);
}

function scanBefore(
  doc: CheckDocument,
  offset: number,
  count: number,
): { words: string[]; steps: number[] } {
  const words: string[] = [];
  const stepsAt: number[] = [];
  const at = doc.tokenIndexAt(offset);
  const sentence = doc.tokens[at]?.sentence;
  let i = at - 1;
  let steps = 0;
  while (i >= 0 && words.length < count && steps < count * 4) {
    const t = doc.tokens[i];
    if (!t || t.sentence !== sentence) break;
    if (t.kind === 'space' && t.newline) break;
    if (t.kind === 'word' || t.kind === 'alnum' || t.kind === 'num') {
      words.push(t.norm);
      stepsAt.push(steps);
    } else if (t.kind === 'punct' && (t.text === '#' || t.text === '@')) {
      words.push(t.text);
      stepsAt.push(steps);
    }
    i--;
    steps++;
  }
  return { words, steps: stepsAt };
}

/** Norms of up to `count` word-like tokens starting at or after `offset`. */
export function wordsAfter(doc: CheckDocument, offset: number, count: number): string[] {
  const out: string[] = [];
  let i = doc.tokenIndexAt(offset);
  let steps = 0;
  while (i < doc.tokens.length && out.length < count && steps < count * 4) {
    const t = doc.tokens[i];
    if (!t) break;
    if (t.start >= offset && (t.kind === 'word' || t.kind === 'alnum' || t.kind === 'num'))
      out.push(t.norm);
    i++;
    steps++;
  }
  return out;
}

/** True when any of the four words before `offset` is in `set`. */
export function hasWordBefore(
  doc: CheckDocument,
  offset: number,
  set: ReadonlySet<string>,
): boolean {
  return wordsBefore(doc, offset, 4).some((w) => set.has(w));
}
