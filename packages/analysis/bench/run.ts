/**
 * `npm run bench:analysis`: accuracy of @bedside/analysis on the held-out test split of the NHS
 * patient-feedback data, against a lexicon baseline, and its speed. Rewrites the analysis section
 * of the root BENCHMARKS.md (between its markers) and prints the same markdown.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { analyze } from '../src/analyze.js';
import { features } from '../src/model/features.js';
import { LinearModel } from '../src/model/linear-model.js';
import { MODEL } from '../src/model/weights.gen.js';
import { textScore } from '../src/sentiment/sentiment.js';
import { topicsByRule } from '../src/topics/topic-rules.js';
import { TOPICS, type Sentiment, type SentimentLabel, type Topic } from '../src/types.js';
import {
  distinctTexts,
  loadSentimentExamples,
  loadTopicExamples,
  type SentimentExample,
} from '../scripts/dataset.js';
import { countBinary, f1, precision, recall, seededRandom } from '../scripts/metrics.js';
import { lexiconScore } from '../src/sentiment/lexicon.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..', '..');
const BENCHMARKS = join(ROOT, 'BENCHMARKS.md');
const START = '<!-- bench:analysis:start -->';
const END = '<!-- bench:analysis:end -->';

/** Topics the NHS data labels well (≥ 1,000 comments, a clean category match) — held to F1 ≥ 0.75. */
const WELL_LABELLED: readonly Topic[] = ['wait_time', 'staff_manner', 'communication'];
/** Labelled, but the NHS categories only loosely match Bedside's topic (see README): reported, no target. */
const LOOSELY_LABELLED: readonly Topic[] = ['scheduling_access', 'clinical_outcome'];

/** A score (labelled with the model's neutral band), or a full result that brings its own label. */
type Scorer = (e: SentimentExample) => number | null | Sentiment;

interface SentimentRow {
  name: string;
  binaryAccuracy: number;
  binaryN: number;
  abstained: number;
  macroF1: number;
  negativeRecall: number;
}

function labelFor(score: number | null): SentimentLabel {
  if (score === null || Math.abs(score) < MODEL.neutralBand || score === 0) return 'neutral';
  return score > 0 ? 'positive' : 'negative';
}

function evaluateSentiment(
  name: string,
  examples: readonly SentimentExample[],
  scorer: Scorer,
): SentimentRow {
  let correct = 0;
  let binaryN = 0;
  let abstained = 0;
  const gold: SentimentLabel[] = [];
  const predicted: SentimentLabel[] = [];
  for (const e of examples) {
    const result = scorer(e);
    const score = typeof result === 'object' && result !== null ? result.score : result;
    gold.push(e.label);
    predicted.push(typeof result === 'object' && result !== null ? result.label : labelFor(score));
    if (e.label === 'neutral') continue;
    binaryN++;
    // Positive vs negative: the sign decides; no opinion at all (score null or 0) counts as wrong.
    if (score === null || score === 0) abstained++;
    else if (score > 0 === (e.label === 'positive')) correct++;
  }
  const perClass = (['negative', 'neutral', 'positive'] as const).map((c) =>
    f1(countBinary(gold.map((g, i): [boolean, boolean] => [g === c, predicted[i] === c]))),
  );
  const negRecall = recall(
    countBinary(
      gold.map((g, i): [boolean, boolean] => [g === 'negative', predicted[i] === 'negative']),
    ),
  );
  return {
    name,
    binaryAccuracy: correct / binaryN,
    binaryN,
    abstained,
    macroF1: (perClass[0]! + perClass[1]! + perClass[2]!) / 3,
    negativeRecall: negRecall,
  };
}

function fmt(x: number): string {
  return x.toFixed(3);
}

function sentimentSection(): string[] {
  const model = new LinearModel(MODEL);
  const test = distinctTexts(loadSentimentExamples().filter((e) => e.split === 'test'));
  const modelScore: Scorer = (e) => {
    const f = features(e.text);
    return f.length === 0 ? null : textScore(model.logits(f));
  };
  const rows: SentimentRow[] = [];
  for (const [subset, examples] of [
    ['all', test],
    ['v6 framework', test.filter((e) => e.source === 'v6')],
    ['phase 1', test.filter((e) => e.source === 'phase1')],
  ] as const) {
    rows.push(
      evaluateSentiment(`lexicon baseline — ${subset}`, examples, (e) => lexiconScore(e.text)),
    );
    rows.push(evaluateSentiment(`model — ${subset}`, examples, modelScore));
  }
  const rated = test.filter((e) => e.rating !== null);
  rows.push(evaluateSentiment('model — v6 with FFT answer as rating text-only', rated, modelScore));
  rows.push(
    evaluateSentiment(
      'analyze(text, { rating }) — v6 with FFT answer as rating',
      rated,
      (e) => analyze(e.text, { rating: e.rating }).sentiment,
    ),
  );
  const counts = (['positive', 'neutral', 'negative'] as const)
    .map((l) => `${test.filter((e) => e.label === l).length} ${l}`)
    .join(', ');
  return [
    `### Sentiment (test split: ${test.length} distinct comments — ${counts})`,
    '',
    '| System — subset | Positive-vs-negative accuracy (target ≥ 0.85) | n (pos + neg) | no opinion | 3-class macro-F1 | negative recall |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.binaryAccuracy)} ${r.binaryAccuracy >= 0.85 ? '✅' : '❌'} | ${r.binaryN} | ${r.abstained} | ${fmt(r.macroF1)} | ${fmt(r.negativeRecall)} |`,
    ),
  ];
}

function topicSection(): string[] {
  const model = new LinearModel(MODEL);
  const test = distinctTexts(loadTopicExamples().filter((e) => e.split === 'test'));
  const headIndex = new Map(model.heads.map((h, i) => [h, i]));
  const lines = [
    `### Topics (v6 framework test split: ${test.length} distinct labelled comments)`,
    '',
    '| Topic | labelled in test | model F1 | rules F1 | shipped (model or rule): P / R / **F1** | target |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  const analysed = test.map((e) => ({
    e,
    logits: model.logits(features(e.text)),
    rules: topicsByRule(e.text.toLowerCase()),
    shipped: new Set(analyze(e.text).topics),
  }));
  for (const topic of TOPICS) {
    const positives = test.filter((e) => e.topics.has(topic)).length;
    const head = headIndex.get(`topic:${topic}`);
    const threshold = MODEL.topicThresholds[topic] ?? 0.5;
    const modelF1 =
      head === undefined
        ? '—'
        : fmt(
            f1(
              countBinary(
                analysed.map((a): [boolean, boolean] => [
                  a.e.topics.has(topic),
                  1 / (1 + Math.exp(-a.logits[head]!)) >= threshold,
                ]),
              ),
            ),
          );
    const rules = countBinary(
      analysed.map((a): [boolean, boolean] => [a.e.topics.has(topic), a.rules.has(topic)]),
    );
    const shipped = countBinary(
      analysed.map((a): [boolean, boolean] => [a.e.topics.has(topic), a.shipped.has(topic)]),
    );
    const well = WELL_LABELLED.includes(topic);
    const verdict = well
      ? f1(shipped) >= 0.75
        ? 'F1 ≥ 0.75 ✅'
        : 'F1 ≥ 0.75 ❌'
      : LOOSELY_LABELLED.includes(topic)
        ? 'labelled loosely — no target'
        : 'too few labels — no target';
    lines.push(
      `| ${topic} | ${positives} | ${modelF1} | ${fmt(f1(rules))} | ${fmt(precision(shipped))} / ${fmt(recall(shipped))} / **${fmt(f1(shipped))}** | ${verdict} |`,
    );
  }
  return lines;
}

function speedSection(): string[] {
  const texts = loadSentimentExamples()
    .filter((e) => e.split === 'test')
    .map((e) => e.text);
  const random = seededRandom(7);
  // Public reviews are longer than NHS answers: also time ~100-word texts made of 6 answers each.
  const long = Array.from({ length: 2000 }, () =>
    Array.from({ length: 6 }, () => texts[Math.floor(random() * texts.length)]!).join(' '),
  );
  const loadStart = process.hrtime.bigint();
  new LinearModel(MODEL);
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
  const time = (corpus: readonly string[]): { us: number; perSecond: number } => {
    const rounds: number[] = [];
    for (let round = 0; round < 7; round++) {
      // CPU time of this process, not wall time: the machine is shared, and waiting for a core
      // is not the analysis's cost.
      const start = process.cpuUsage();
      for (const t of corpus) analyze(t, { rating: 3 });
      const used = process.cpuUsage(start);
      rounds.push((used.user + used.system) / corpus.length);
    }
    rounds.sort((a, b) => a - b);
    const us = rounds[3]!;
    return { us, perSecond: 1e6 / us };
  };
  time(texts.slice(0, 500));
  const short = time(texts);
  const longer = time(long);
  const words = (c: readonly string[]): number =>
    Math.round(c.reduce((n, t) => n + t.split(/\s+/).length, 0) / c.length);
  return [
    '### Speed (CPU time of one core, median of 7 rounds; includes garbage collection)',
    '',
    '| Corpus | texts | mean words | µs per review (target well under 50) | reviews/s per core |',
    '| --- | --- | --- | --- | --- |',
    `| NHS test comments | ${texts.length} | ${words(texts)} | ${short.us.toFixed(1)} | ${Math.round(short.perSecond).toLocaleString('en-US')} |`,
    `| ~100-word reviews (6 comments joined) | ${long.length} | ${words(long)} | ${longer.us.toFixed(1)} | ${Math.round(longer.perSecond).toLocaleString('en-US')} |`,
    '',
    `Model load (decode on first call): ${loadMs.toFixed(1)} ms.`,
    '',
    'Measured as CPU time of this process, so waiting for a core does not count; on a busy machine (see the load average above) sharing caches and cores still inflates it. Where the time goes (per ~80-word review): tokenising and hashing features about a fifth, the model lookups about a tenth, the topic keyword rules about a sixth and the urgency rules about a third; the urgency rules are kept as plain regular expressions on purpose, since a missed self-harm or emergency phrase costs more than microseconds.',
  ];
}

function machine(): string {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    // Not a git checkout: the run is still valid.
  }
  const [l1, l5, l15] = loadavg().map((l) => l.toFixed(2));
  return `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}; load average at start ${l1} / ${l5} / ${l15}. Commit \`${commit}\`, model \`${MODEL.version}\`. Run ${new Date().toISOString().slice(0, 10)}.`;
}

function main(): void {
  const header = machine();
  const section = [
    START,
    '## Review analysis (`@bedside/analysis`)',
    '',
    'Reproduce: `npm run bench:analysis` (about half a minute; rewrites this section). Retrain the shipped model: `npm run train -w @bedside/analysis`.',
    '',
    header,
    '',
    'Data: NHS patient feedback (`../shared/data/reviews`, MIT, © 2021 NHS England, The-Strategy-Unit/pxtextmining). Split 70 / 10 / 20 (train / validation / test) by a hash of the normalised text (packages/analysis/scripts/dataset.ts), so one answer never sits in two splits; training reads only train, thresholds are tuned on validation, these numbers are test only, one row per distinct text. Label mapping: packages/analysis/README.md.',
    '',
    ...sentimentSection(),
    '',
    ...topicSection(),
    '',
    ...speedSection(),
    END,
  ].join('\n');
  const existing = existsSync(BENCHMARKS)
    ? readFileSync(BENCHMARKS, 'utf8')
    : '# Benchmarks\n\nSystem benchmarks; each section is written by the command it names.\n\n';
  const start = existing.indexOf(START);
  const end = existing.indexOf(END);
  const next =
    start >= 0 && end > start
      ? existing.slice(0, start) + section + existing.slice(end + END.length)
      : `${existing.trimEnd()}\n\n${section}\n`;
  writeFileSync(BENCHMARKS, next);
  console.log(section);
}

main();
