/** The project's own corpus (corpus/corpus.jsonl + corpus/contexts.json), as benchmark documents. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GuardContext } from '../../src/types.js';
import type { CorpusItem } from '../corpus/generate-corpus.js';
import type { BenchDoc } from '../types.js';
import { CORPUS_DIR } from './paths.js';

export function corpusItemToDoc(item: CorpusItem): BenchDoc {
  const doc: BenchDoc = {
    id: item.id,
    text: item.text,
    kind: item.kind,
    practice: item.practice,
    spans: item.spans.map((s) => ({ ...s, sourceType: s.category })),
    shouldBlock: item.should_block,
    subtype: item.subtype,
    lang: item.lang,
  };
  if (item.review !== undefined) doc.review = item.review;
  if (item.discloses_relationship !== undefined)
    doc.disclosesRelationship = item.discloses_relationship;
  return doc;
}

export function loadProjectCorpus(dir = CORPUS_DIR): {
  docs: BenchDoc[];
  contexts: GuardContext[];
} {
  const lines = readFileSync(join(dir, 'corpus.jsonl'), 'utf8').split('\n').filter(Boolean);
  const { contexts } = JSON.parse(readFileSync(join(dir, 'contexts.json'), 'utf8')) as {
    contexts: GuardContext[];
  };
  return { docs: lines.map((line) => corpusItemToDoc(JSON.parse(line) as CorpusItem)), contexts };
}
