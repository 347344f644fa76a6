import type { CheckDocument } from './document.js';

/** Norms of up to `count` word-like tokens before `offset`, nearest first, within its sentence and line. */
export function wordsBefore(doc: CheckDocument, offset: number, count: number): string[] {
  const out: string[] = [];
  const at = doc.tokenIndexAt(offset);
  const sentence = doc.tokens[at]?.sentence;
  let i = at - 1;
  let steps = 0;
  while (i >= 0 && out.length < count && steps < count * 4) {
    const t = doc.tokens[i];
    if (!t || t.sentence !== sentence) break;
    if (t.kind === 'space' && t.newline) break;
    if (t.kind === 'word' || t.kind === 'alnum' || t.kind === 'num') out.push(t.norm);
    else if (t.kind === 'punct' && (t.text === '#' || t.text === '@')) out.push(t.text);
    i--;
    steps++;
  }
  return out;
}

/** Norms of up to `count` word-like tokens starting at or after `offset`. */
export function wordsAfter(doc: CheckDocument, offset: number, count: number): string[] {
  const out: string[] = [];
  let i = doc.tokenIndexAt(offset);
  let steps = 0;
  while (i < doc.tokens.length && out.length < count && steps < count * 4) {
    const t = doc.tokens[i];
    if (!t) break;
    if (t.start >= offset && (t.kind === 'word' || t.kind === 'alnum' || t.kind === 'num')) out.push(t.norm);
    i++;
    steps++;
  }
  return out;
}

/** True when any of the four words before `offset` is in `set`. */
export function hasWordBefore(doc: CheckDocument, offset: number, set: ReadonlySet<string>): boolean {
  return wordsBefore(doc, offset, 4).some((w) => set.has(w));
}
