/**
 * Re-renders BENCHMARKS.md from bench/results.json without re-running the benchmark
 * (after a change to the report's wording): `node --import tsx packages/guard/bench/report/render.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderMarkdown } from './markdown.js';
import type { BenchResults } from './results.js';

const benchDir = fileURLToPath(new URL('../', import.meta.url));
const results = JSON.parse(readFileSync(`${benchDir}results.json`, 'utf8')) as BenchResults;
writeFileSync(`${benchDir}../BENCHMARKS.md`, renderMarkdown(results));
console.log('rewrote packages/guard/BENCHMARKS.md from bench/results.json');
