/**
 * The guard benchmark: `npm run bench -w @bedside/guard` (or `node --import tsx packages/guard/bench/run.ts`).
 *
 * Scores the guard, redact-pii and openredaction on the same data in one run and writes
 * packages/guard/BENCHMARKS.md and packages/guard/bench/results.json.
 * Flags: --quick (short timings, no 1 MB inputs; writes to bench/.quick/ instead),
 * --no-adversarial, --timeout=MS (per adversarial child, default 20000),
 * --only=perf (throughput, latency and adversarial inputs only; prints them and writes no files),
 * --patterns=mixed,a-at (adversarial patterns to run; default all).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { loadPresidio } from './datasets/presidio.js';
import { loadProjectCorpus } from './datasets/project-corpus.js';
import { loadSocialNer } from './datasets/social-ner.js';
import { evaluate } from './evaluate.js';
import { snapshotGuard } from './guard-snapshot.js';
import { runAdversarial } from './perf/adversarial.js';
import { ADVERSARIAL_PATTERNS, ADVERSARIAL_SIZES } from './perf/adversarial-inputs.js';
import { bestOfTrials, measureLatency, measureThroughput } from './perf/timing.js';
import { renderMarkdown } from './report/markdown.js';
import type { BenchResults, CorpusStats, DatasetResult } from './report/results.js';
import { summarize } from './report/results.js';
import { evaluateTargets } from './report/targets.js';
import { guardOffsetMismatches } from './systems/guard.js';
import { SYSTEM_IDS, createSystem } from './systems/index.js';
import { openRedactionOffsetMismatches } from './systems/openredaction.js';
import { redactPiiTraceMismatches } from './systems/redact-pii.js';
import type { BenchSystem } from './systems/system.js';
import type { BenchDoc } from './types.js';

const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const adversarialOn = !args.includes('--no-adversarial');
const timeoutMs = Number(args.find((a) => a.startsWith('--timeout='))?.split('=')[1] ?? 20_000);
const perfOnly = args.includes('--only=perf');
const patternArg = args.find((a) => a.startsWith('--patterns='))?.split('=')[1];
const patterns = patternArg
  ? ADVERSARIAL_PATTERNS.filter((p) => patternArg.split(',').includes(p))
  : ADVERSARIAL_PATTERNS;
const log = (message: string) => console.log(`[bench] ${message}`);

const guardSource = snapshotGuard();
const { docs: corpusDocs, contexts } = loadProjectCorpus();
const social = loadSocialNer();
const datasets: Array<{ key: string; name: string; description: string; docs: BenchDoc[] }> = [
  {
    key: 'presidio',
    name: 'Presidio synthetic set',
    description: 'presidio-research synth_dataset_v2, mapped to HIPAA categories.',
    docs: loadPresidio(),
  },
  {
    key: 'corpus',
    name: 'Project corpus',
    description: 'Generated practice posts, reviews, replies and review requests (bench/corpus).',
    docs: corpusDocs,
  },
  {
    key: 'btc',
    name: 'Broad Twitter Corpus (test)',
    description: 'Real tweets; person and location entities.',
    docs: social.btc,
  },
  {
    key: 'wnut17',
    name: 'WNUT-17 (test)',
    description: 'Real social-media posts; person and location entities.',
    docs: social.wnut17,
  },
];

const systems: BenchSystem[] = [];
const systemInfo: BenchResults['systems'] = [];
for (const id of SYSTEM_IDS) {
  try {
    const system = await createSystem(id);
    systems.push(system);
    systemInfo.push({ id, label: system.label, available: true });
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    log(`${id} unavailable: ${message}`);
    systemInfo.push({ id, label: id, available: false, error: message });
  }
}

const datasetResults: Record<string, DatasetResult> = {};
for (const ds of perfOnly ? [] : datasets) {
  const result: DatasetResult = {
    name: ds.name,
    description: ds.description,
    documents: ds.docs.length,
    systems: {},
  };
  for (const system of systems) {
    const t0 = performance.now();
    result.systems[system.id] = summarize(evaluate(system, ds.docs, { contexts }));
    log(`${ds.key} × ${system.id}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  datasetResults[ds.key] = result;
}

const presidioTexts = datasets[0]?.docs.map((d) => d.text) ?? [];
const longPosts = corpusDocs.filter((d) => d.subtype === 'post.long').map((d) => d.text);
const context = contexts[0] ?? {};
const speed: BenchResults['speed'] = {
  throughputDataset: 'presidio',
  throughput: {},
  latencyDataset: 'post.long items',
  latency: {},
};
const trials = quick ? 1 : 3;
const throughput = bestOfTrials(systems, {
  trials,
  measure: (system) =>
    measureThroughput(system, presidioTexts, { context, minMs: quick ? 500 : 2000 }),
  better: (a, b) => a.textsPerSecond > b.textsPerSecond,
});
const latency = bestOfTrials(systems, {
  trials,
  measure: (system) => measureLatency(system, longPosts, { context, passes: quick ? 5 : 20 }),
  better: (a, b) => a.p99Ms < b.p99Ms,
});
for (const system of systems) {
  speed.throughput[system.id] = throughput.get(system);
  speed.latency[system.id] = latency.get(system);
  log(
    `speed ${system.id}: ${Math.round(speed.throughput[system.id]?.textsPerSecond ?? 0)} texts/s, p99 ${speed.latency[system.id]?.p99Ms.toFixed(3)} ms`,
  );
}

const adversarial = adversarialOn
  ? runAdversarial({
      systems: systems.map((s) => s.id),
      patterns,
      sizes: quick ? ADVERSARIAL_SIZES.filter((s) => s < 1_000_000) : ADVERSARIAL_SIZES,
      timeoutMs,
      onResult: (r) =>
        log(`adversarial ${r.system} ${r.pattern} ${r.size}: ${JSON.stringify(r.outcome)}`),
    })
  : [];

if (perfOnly) {
  log('--only=perf: no report written');
  process.exit(0);
}

const corpusStats: CorpusStats = {
  items: corpusDocs.length,
  bytes: corpusDocs.reduce((n, d) => n + Buffer.byteLength(JSON.stringify(d)), 0),
  practices: contexts.length,
  bySubtype: {},
  byLang: {},
  spansByCategory: {},
};
for (const d of corpusDocs) {
  const subtype = d.subtype ?? d.kind;
  corpusStats.bySubtype[subtype] = (corpusStats.bySubtype[subtype] ?? 0) + 1;
  const lang = d.lang ?? 'en';
  corpusStats.byLang[lang] = (corpusStats.byLang[lang] ?? 0) + 1;
  for (const s of d.spans)
    if (s.category)
      corpusStats.spansByCategory[s.category] = (corpusStats.spansByCategory[s.category] ?? 0) + 1;
}

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const results: BenchResults = {
  generatedAt: new Date().toISOString().slice(0, 10),
  command: 'npm run bench -w @bedside/guard',
  machine: {
    cpus: availableParallelism(),
    cpuModel: cpu,
    node: process.version,
    platform: `${platform()} ${release()}`,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: loadAtStart,
  },
  options: { quick, timeoutMs },
  guardSource,
  systems: systemInfo,
  datasets: datasetResults,
  speed,
  adversarial,
  integrity: {
    redactPiiTraceMismatches: new Set(redactPiiTraceMismatches).size,
    openRedactionOffsetMismatches: new Set(openRedactionOffsetMismatches).size,
    guardOffsetMismatches: [...new Set(guardOffsetMismatches)],
  },
  targets: [],
  corpusStats,
};
results.targets = evaluateTargets(results);

const benchDir = fileURLToPath(new URL('./', import.meta.url));
const outDir = quick ? `${benchDir}.quick/` : benchDir;
mkdirSync(outDir, { recursive: true });
// Written through Prettier so that `npm run lint` stays clean after a run.
const resultsFile = `${outDir}results.json`;
writeFileSync(
  resultsFile,
  await format(JSON.stringify(results), {
    ...((await resolveConfig(resultsFile)) ?? {}),
    filepath: resultsFile,
  }),
);
writeFileSync(
  quick ? `${outDir}BENCHMARKS.md` : `${benchDir}../BENCHMARKS.md`,
  renderMarkdown(results),
);
for (const t of results.targets) {
  log(
    `${t.met.guard === true ? 'met    ' : t.met.guard === false ? 'NOT MET' : '-      '} ${t.description}: ${JSON.stringify(t.values)}`,
  );
}
log(`wrote ${quick ? outDir : `${benchDir}../BENCHMARKS.md and results.json`}`);
