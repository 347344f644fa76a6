/**
 * Regenerates the committed corpus: `node --import tsx packages/guard/bench/corpus/write-corpus.ts`.
 * Writes corpus.jsonl (one item per line) and contexts.json (the practices' GuardContexts).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { generateCorpus, serializeCorpus } from './generate-corpus.js';

const corpus = generateCorpus();
const files = serializeCorpus(corpus);
const dir = fileURLToPath(new URL('./', import.meta.url));
writeFileSync(`${dir}corpus.jsonl`, files.jsonl);
const contextsFile = `${dir}contexts.json`;
const prettierOptions = (await resolveConfig(contextsFile)) ?? {};
writeFileSync(
  contextsFile,
  await format(files.contexts, { ...prettierOptions, filepath: contextsFile }),
);
console.log(
  `wrote ${corpus.items.length} items for ${corpus.contexts.length} practices (${(files.jsonl.length / 1e6).toFixed(2)} MB)`,
);
