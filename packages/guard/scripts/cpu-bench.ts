/* eslint-disable no-console -- a local developer script run with tsx; it is not part of the shipped library. */
// CPU-time benchmark of the guard (process.cpuUsage, so a loaded shared machine skews it less than wall time), plus a
// fingerprint of every finding on the presidio set and the project corpus so a speed change can prove it changed no output.
// Run from the repository root: node --import tsx packages/guard/scripts/cpu-bench.ts [--no-adversarial] [--fingerprint-only]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createGuard, type CheckKind, type GuardContext } from '../src/index.js';
import { ADVERSARIAL_PATTERNS, adversarialInput } from '../bench/perf/adversarial-inputs.js';

const root = new URL('..', import.meta.url).pathname;
const presidio = (
  JSON.parse(
    readFileSync(`${root}../../../shared/data/phi/presidio_synth_dataset_v2.json`, 'utf8'),
  ) as { full_text: string }[]
).map((r) => r.full_text);
const contexts = (
  JSON.parse(readFileSync(`${root}bench/corpus/contexts.json`, 'utf8')) as {
    contexts: GuardContext[];
  }
).contexts;
interface Item {
  text: string;
  kind: CheckKind;
  review?: string;
  practice: number;
  subtype: string;
}
const corpus = readFileSync(`${root}bench/corpus/corpus.jsonl`, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Item);
const args = new Set(process.argv.slice(2));
const context = contexts[0] ?? {};
const guard = createGuard(context);

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

// Fingerprint: every finding of every document, in order.
const hash = createHash('sha256');
const guards = contexts.map((c) => createGuard(c));
for (const t of presidio) hash.update(JSON.stringify(guard.check({ text: t, kind: 'post' })));
for (const d of corpus) {
  const input: { text: string; kind: CheckKind; review?: string } = { text: d.text, kind: d.kind };
  if (d.review !== undefined) input.review = d.review;
  hash.update(JSON.stringify((guards[d.practice] ?? guard).check(input)));
}
console.log(`fingerprint ${hash.digest('hex').slice(0, 16)}`);
if (args.has('--fingerprint-only')) process.exit(0);

// Throughput on presidio: best of 5 rounds of >= 1 s CPU each.
let best = 0;
for (let round = 0; round < 5; round++) {
  let count = 0;
  const c0 = cpuMs();
  while (cpuMs() - c0 < 1000) {
    for (const t of presidio) guard.check({ text: t, kind: 'post' });
    count += presidio.length;
  }
  best = Math.max(best, count / ((cpuMs() - c0) / 1000));
}
console.log(`presidio: ${Math.round(best)} texts per CPU-second (best of 5)`);

// Latency on long posts: per-call wall time is all we can get per call; report p50/p99 and the CPU mean.
const longPosts = corpus.filter((d) => d.subtype === 'post.long').map((d) => d.text);
const samples: number[] = [];
const c1 = cpuMs();
for (let pass = 0; pass < 50; pass++) {
  for (const t of longPosts) {
    const s = performance.now();
    guard.check({ text: t, kind: 'post' });
    samples.push(performance.now() - s);
  }
}
const cpuMean = (cpuMs() - c1) / samples.length;
samples.sort((a, b) => a - b);
const meanChars = longPosts.reduce((n, t) => n + t.length, 0) / Math.max(1, longPosts.length);
console.log(
  `long posts (${longPosts.length}, mean ${meanChars.toFixed(0)} chars): CPU mean ${cpuMean.toFixed(3)} ms, wall p50 ${samples[Math.floor(samples.length * 0.5)]?.toFixed(3)} ms, p99 ${samples[Math.floor(samples.length * 0.99)]?.toFixed(3)} ms`,
);

if (!args.has('--no-adversarial')) {
  for (const pattern of ADVERSARIAL_PATTERNS) {
    const text = adversarialInput(pattern, 1_000_000);
    const c = cpuMs();
    const r = guard.check({ text, kind: 'post' });
    console.log(
      `adversarial ${pattern.padEnd(12)} 1 MB: ${(cpuMs() - c).toFixed(0).padStart(5)} CPU ms, ${r.findings.length} findings`,
    );
  }
}
