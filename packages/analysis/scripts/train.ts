/**
 * Trains Bedside's review model and writes src/model/weights.gen.ts. Deterministic: the same data
 * gives the same file, byte for byte.
 *
 *   npm run train -w @bedside/analysis
 *
 * One sentiment head (softmax over negative / neutral / positive), trained on the train split with
 * its neutral band tuned on the validation split; and one logistic head per topic the data labels
 * often enough, over hashed unigram + bigram + prefix + negation features (src/model/features.ts).
 * Topic heads are trained on train + validation; each topic's threshold (for "head or keyword
 * rule") is chosen on out-of-fold predictions of a 5-fold cross-validation over those same rows.
 * The test split is never read here.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { features, hashString } from '../src/model/features.js';
import { encodeBase64 } from '../src/model/base64.js';
import { LinearModel, type ModelData } from '../src/model/linear-model.js';
import { topicsByRule } from '../src/topics/topic-rules.js';
import type { SentimentLabel } from '../src/types.js';
import { loadSentimentExamples, loadTopicExamples, type TopicExample } from './dataset.js';
import { trainLogistic, type Encoded } from './logistic.js';
import { countBinary, f1, precision, recall } from './metrics.js';
import { SEED_REVIEWS } from './seed-reviews.js';
import {
  bestThreshold,
  buildIndex,
  crossValidatedProbabilities,
  MIN_FEATURE_COUNT,
  MODEL_TOPICS,
  SEED,
  SHIPPED_TOPIC_SETUP,
  trainTopicHeads,
} from './topic-training.js';

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, '..', 'src', 'model', 'weights.gen.ts');

const SENTIMENT_CLASSES: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
const SENTIMENT_TRAINING = { epochs: 12, learningRate: 0.2, l2: 1e-6 } as const;
const PRUNE_BELOW = 0.1;
/** Each seed review counts this many times: 120 sentences against 11,700 NHS answers. */
const SEED_REPEAT = 3;

/** A text as the sentiment head sees it: every known feature, value 1. */
function encode(text: string, index: Map<number, number>): Encoded {
  const ids: number[] = [];
  for (const f of features(text)) {
    const i = index.get(f);
    if (i !== undefined) ids.push(i);
  }
  return { features: Int32Array.from(ids) };
}

function main(): void {
  const sentiment = loadSentimentExamples();
  const topics = loadTopicExamples();
  const seeds = SEED_REVIEWS.flatMap((s) => Array.from({ length: SEED_REPEAT }, () => s));
  const sentimentTrain = [...sentiment.filter((e) => e.split === 'train'), ...seeds];
  const topicFit = topics.filter((e) => e.split !== 'test');

  // Feature index: hashes seen at least MIN_FEATURE_COUNT times in the texts the heads train on.
  const index = buildIndex([...sentimentTrain.map((e) => e.text), ...topicFit.map((e) => e.text)]);
  const keys = [...index.keys()];

  const sx = sentimentTrain.map((e) => encode(e.text, index));
  const sy = sentimentTrain.map((e) => SENTIMENT_CLASSES.indexOf(e.label));
  const sent = trainLogistic(sx, sy, {
    features: keys.length,
    classes: 3,
    binary: false,
    seed: SEED,
    ...SENTIMENT_TRAINING,
  });
  const topicModels = trainTopicHeads(topicFit, index, SHIPPED_TOPIC_SETUP);

  // Heads side by side, quantised to int8 per head; rows whose weights are all tiny are dropped.
  const heads = [
    ...SENTIMENT_CLASSES.map((c) => `sentiment:${c}`),
    ...MODEL_TOPICS.map((t) => `topic:${t}`),
  ];
  const h = heads.length;
  const column = (row: number, j: number): number =>
    j < 3 ? sent.w[row * 3 + j]! : topicModels[j - 3]!.w[row]!;
  const scale = heads.map((_, j) => {
    let max = 0;
    for (let r = 0; r < keys.length; r++) max = Math.max(max, Math.abs(column(r, j)));
    return max / 127;
  });
  const keptRows: number[] = [];
  for (let r = 0; r < keys.length; r++) {
    let keep = false;
    for (let j = 0; j < h && !keep; j++) keep = Math.abs(column(r, j)) >= PRUNE_BELOW;
    if (keep) keptRows.push(r);
  }
  const keyBytes = new Uint8Array(keptRows.length * 4);
  const keyView = new DataView(keyBytes.buffer);
  const weightBytes = new Int8Array(keptRows.length * h);
  keptRows.forEach((r, i) => {
    keyView.setUint32(i * 4, keys[r]!, true);
    for (let j = 0; j < h; j++) weightBytes[i * h + j] = Math.round(column(r, j) / scale[j]!);
  });
  const bias = [...sent.b, ...topicModels.map((m) => m.b[0]!)];

  const draft: ModelData = {
    version: 'draft',
    heads,
    bias: bias.map((v) => Number(v.toFixed(6))),
    scale: scale.map((v) => Number(v.toPrecision(8))),
    keys: encodeBase64(keyBytes),
    weights: encodeBase64(new Uint8Array(weightBytes.buffer)),
    neutralBand: 0,
    topicThresholds: {},
    topicLengthNorm: true,
  };
  const neutralBand = tuneNeutralBand(draft, sentiment);
  const topicThresholds = tuneTopicThresholds(
    topicFit,
    sentimentTrain.map((e) => e.text),
  );
  writeModel({ ...draft, neutralBand, topicThresholds });
  console.log(
    `features: ${keys.length} seen ≥${MIN_FEATURE_COUNT}×, ${keptRows.length} kept; ` +
      `train: ${sentimentTrain.length} sentiment, ${topicFit.length} topic examples`,
  );
}

/** Picks the neutral band on the validation split (the sentiment head never trains on it). */
function tuneNeutralBand(
  draft: ModelData,
  sentiment: ReturnType<typeof loadSentimentExamples>,
): number {
  const model = new LinearModel(draft);
  const validation = sentiment.filter((e) => e.split === 'validation');
  const probs = validation.map((e) => softmax3(model.logits(features(e.text))));
  let bestBand = 0;
  let bestMacro = -1;
  for (let band = 0; band <= 0.9; band += 0.05) {
    const macro = macroF1(
      validation.map((e) => e.label),
      probs.map((p) => labelOf(p, band)),
    );
    if (macro > bestMacro + 1e-9) {
      bestMacro = macro;
      bestBand = Number(band.toFixed(2));
    }
  }
  const binary = validation.filter((e) => e.label !== 'neutral');
  const correct = binary.filter((e) => {
    const p = probs[validation.indexOf(e)]!;
    return p[2] - p[0] > 0 === (e.label === 'positive');
  }).length;
  console.log(
    `validation sentiment: neutral band ${bestBand}, macro-F1 ${bestMacro.toFixed(3)}, ` +
      `positive-vs-negative accuracy ${(correct / binary.length).toFixed(3)}`,
  );
  return bestBand;
}

/**
 * Each topic's threshold for "head fires or keyword rule matches", chosen for F1 on the
 * out-of-fold predictions of a 5-fold cross-validation over train + validation.
 */
function tuneTopicThresholds(
  rows: readonly TopicExample[],
  otherTexts: readonly string[],
): Record<string, number> {
  const oof = crossValidatedProbabilities(rows, otherTexts, SHIPPED_TOPIC_SETUP);
  const rules = rows.map((e) => topicsByRule(e.text.toLowerCase()));
  const thresholds: Record<string, number> = {};
  MODEL_TOPICS.forEach((topic, i) => {
    const gold = rows.map((e) => e.topics.has(topic));
    const hits = rules.map((r) => r.has(topic));
    const { threshold, counts } = bestThreshold(gold, oof[i]!, hits);
    thresholds[topic] = threshold;
    const rule = countBinary(gold.map((g, n): [boolean, boolean] => [g, hits[n]!]));
    console.log(
      `cv topic ${topic}: threshold ${threshold}; F1 rule ${f1(rule).toFixed(3)}, ` +
        `head or rule P ${precision(counts).toFixed(3)} R ${recall(counts).toFixed(3)} F1 ${f1(counts).toFixed(3)}`,
    );
  });
  return thresholds;
}

function softmax3(z: Float64Array): [number, number, number] {
  const max = Math.max(z[0]!, z[1]!, z[2]!);
  const e = [Math.exp(z[0]! - max), Math.exp(z[1]! - max), Math.exp(z[2]! - max)];
  const s = e[0]! + e[1]! + e[2]!;
  return [e[0]! / s, e[1]! / s, e[2]! / s];
}

function labelOf(p: [number, number, number], band: number): SentimentLabel {
  const score = p[2] - p[0];
  if (Math.abs(score) < band) return 'neutral';
  return score > 0 ? 'positive' : 'negative';
}

function macroF1(gold: SentimentLabel[], predicted: SentimentLabel[]): number {
  let total = 0;
  for (const c of SENTIMENT_CLASSES) {
    total += f1(countBinary(gold.map((g, i): [boolean, boolean] => [g === c, predicted[i] === c])));
  }
  return total / SENTIMENT_CLASSES.length;
}

function writeModel(model: ModelData): void {
  const body = JSON.stringify({ ...model, version: 'pending' });
  const version = `nhs-lr-${hashString(body).toString(16).padStart(8, '0')}`;
  const json = JSON.stringify({ ...model, version }, null, 1);
  writeFileSync(
    OUT,
    `// Generated by packages/analysis/scripts/train.ts — do not edit by hand.\n` +
      `// Trained on NHS patient feedback (MIT, © 2021 NHS England, The-Strategy-Unit/pxtextmining).\n` +
      `import type { ModelData } from './linear-model.js';\n\n` +
      `export const MODEL: ModelData = ${json};\n`,
  );
  console.log(`wrote ${OUT} (${version}, ${(json.length / 1024).toFixed(0)} KB)`);
}
main();
