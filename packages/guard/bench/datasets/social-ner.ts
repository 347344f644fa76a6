/**
 * Names and places in real social-media text: Broad Twitter Corpus (test split = section F) and
 * WNUT-17 (test split), both CC BY 4.0, read from CoNLL.
 *
 * Text is rebuilt from tokens joined by single spaces, except that `@` and `#` tokens join the
 * next token (BTC splits "@colgo" into "@" + "colgo"), and , . ! ? ; : ) join the previous one.
 * PER/person → name and LOC/location → geographic; every other entity type is neutral. No
 * document labels: a tweet naming a celebrity or a country is not a patient disclosure, so
 * only span recall is meaningful here (and LOC includes countries and states, which are not
 * Safe Harbor identifiers — these scores are indicative, not targets).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchDoc, GoldSpan, HipaaCategory } from '../types.js';
import { SHARED_DATA } from './paths.js';

const CATEGORY: Record<string, HipaaCategory> = {
  PER: 'name',
  person: 'name',
  LOC: 'geographic',
  location: 'geographic',
};
const ATTACH_LEFT = new Set([',', '.', '!', '?', ';', ':', ')']);

interface Token {
  word: string;
  tag: string;
}

/** Splits CoNLL text into sentences of tokens (blank line = new sentence). */
export function parseConll(content: string): Token[][] {
  const sentences: Token[][] = [];
  let current: Token[] = [];
  for (const line of content.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '') {
      if (current.length) sentences.push(current);
      current = [];
      continue;
    }
    const parts = line.split('\t');
    const word = (parts[0] ?? '').trim();
    if (word === '') continue;
    current.push({ word, tag: (parts[parts.length - 1] ?? 'O').trim() });
  }
  if (current.length) sentences.push(current);
  return sentences;
}

/** Rebuilds a sentence's text and its entity spans with UTF-16 offsets. */
export function sentenceToDoc(tokens: Token[], id: string): BenchDoc {
  let text = '';
  const spans: GoldSpan[] = [];
  let open: { start: number; end: number; type: string } | null = null;
  const close = () => {
    if (!open) return;
    const category = CATEGORY[open.type] ?? null;
    spans.push({
      start: open.start,
      end: open.end,
      category,
      sourceType: open.type,
      text: text.slice(open.start, open.end),
    });
    open = null;
  };
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const glue =
      i === 0 || ATTACH_LEFT.has(token.word) || previous?.word === '@' || previous?.word === '#';
    if (!glue) text += ' ';
    const start = text.length;
    text += token.word;
    const [prefix, type = ''] = token.tag.split(/-(.*)/s);
    const continuesMention =
      prefix === 'B' && open?.type === type && (previous?.word === '@' || previous?.word === '#');
    if (prefix === 'I' && open?.type === type) {
      open.end = text.length;
    } else if (continuesMention && open) {
      open.end = text.length;
    } else {
      close();
      if (prefix === 'B' || prefix === 'I') open = { start, end: text.length, type };
    }
  });
  close();
  return { id, text, kind: 'post', practice: 0, spans };
}

export function loadSocialNer(root = join(SHARED_DATA, 'social_ner')): {
  btc: BenchDoc[];
  wnut17: BenchDoc[];
} {
  const read = (file: string, prefix: string) =>
    parseConll(readFileSync(join(root, file), 'utf8')).map((s, i) =>
      sentenceToDoc(s, `${prefix}-${i}`),
    );
  return {
    btc: read('broad_twitter_corpus/btc.test', 'btc'),
    wnut17: read('wnut17/emerging.test.annotated', 'wnut17'),
  };
}
