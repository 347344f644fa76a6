/**
 * Trains Bedside's review model on the NHS data's train split and writes
 * src/model/weights.gen.ts. Deterministic: the same data gives the same file, byte for byte.
 *
 *   npm run train -w @bedside/analysis
 *
 * One sentiment head (softmax over negative / neutral / positive) and one logistic head per topic
 * the data labels often enough, over hashed unigram + bigram + negation features
 * (src/model/features.ts). Thresholds are tuned on the validation split; the test split is
 * never read here.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { features, hashString, LEXICON_NEGATIVE, LEXICON_POSITIVE } from '../src/model/features.js';
import { encodeBase64 } from '../src/model/base64.js';
import { LinearModel, type ModelData } from '../src/model/linear-model.js';
import { topicsByRule } from '../src/topics/topic-rules.js';
import type { SentimentLabel, Topic } from '../src/types.js';
import { loadSentimentExamples, loadTopicExamples } from './dataset.js';
import { countBinary, f1, seededRandom } from './metrics.js';
import { SEED_REVIEWS } from './seed-reviews.js';

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, '..', 'src', 'model', 'weights.gen.ts');

const SENTIMENT_CLASSES: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
/** Topics with enough labelled examples for a model head; the rest rely on rules alone. */
export const MODEL_TOPICS: readonly Topic[] = [
  'wait_time',
  'scheduling_access',
  'staff_manner',
  'communication',
  'clinical_outcome',
  'facilities_parking',
  'cleanliness',
];
const MIN_FEATURE_COUNT = 5;
const EPOCHS = 12;
const LEARNING_RATE = 0.2;
const L2 = 1e-6;
const PRUNE_BELOW = 0.1;
const SEED = 20261128;
/** Each seed review counts this many times: 120 sentences against 11,700 NHS answers. */
const SEED_REPEAT = 3;

interface Encoded {
  features: Int32Array;
}

function encode(text: string, index: Map<number, number>): Encoded {
  const ids: number[] = [];
  for (const f of features(text)) {
    const i = index.get(f);
    if (i !== undefined) ids.push(i);
  }
  return { features: Int32Array.from(ids) };
}

function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * Multinomial (k > 1) or binary (k = 1, sigmoid) logistic regression by AdaGrad.
 * Returns weights [feature][class] and biases.
 */
function trainLogistic(
  xs: readonly Encoded[],
  ys: readonly number[],
  shape: { features: number; classes: number; binary: boolean },
): { w: Float64Array; b: Float64Array } {
  const k = shape.classes;
  const w = new Float64Array(shape.features * k);
  const g2 = new Float64Array(shape.features * k).fill(1e-8);
  const b = new Float64Array(k);
  const bg2 = new Float64Array(k).fill(1e-8);
  const random = seededRandom(SEED + k);
  const z = new Float64Array(k);
  const grad = new Float64Array(k);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const n of shuffled(xs.length, random)) {
      const x = xs[n]!.features;
      const y = ys[n]!;
      for (let c = 0; c < k; c++) {
        let s = b[c]!;
        for (const f of x) s += w[f * k + c]!;
        z[c] = s;
      }
      if (shape.binary) {
        const p = 1 / (1 + Math.exp(-z[0]!));
        grad[0] = p - y;
      } else {
        let max = -Infinity;
        for (let c = 0; c < k; c++) max = Math.max(max, z[c]!);
        let sum = 0;
        for (let c = 0; c < k; c++) sum += Math.exp(z[c]! - max);
        for (let c = 0; c < k; c++) grad[c] = Math.exp(z[c]! - max) / sum - (c === y ? 1 : 0);
      }
      for (let c = 0; c < k; c++) {
        const gc = grad[c]!;
        bg2[c]! += gc * gc;
        b[c]! -= (LEARNING_RATE * gc) / Math.sqrt(bg2[c]!);
        for (const f of x) {
          const i = f * k + c;
          const g = gc + L2 * w[i]!;
          g2[i]! += g * g;
          w[i]! -= (LEARNING_RATE * g) / Math.sqrt(g2[i]!);
        }
      }
    }
  }
  return { w, b };
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function main(): void {
  const sentiment = loadSentimentExamples();
  const topics = loadTopicExamples();
  const seeds = SEED_REVIEWS.flatMap((s) => Array.from({ length: SEED_REPEAT }, () => s));
  const sentimentTrain = [...sentiment.filter((e) => e.split === 'train'), ...seeds];
  const topicTrain = topics.filter((e) => e.split === 'train');

  // Feature index: hashes seen at least MIN_FEATURE_COUNT times in training text.
  const counts = new Map<number, number>();
  for (const e of [...sentimentTrain, ...topicTrain]) {
    for (const f of new Set(features(e.text))) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  const keys = [...counts.entries()]
    .filter(([, c]) => c >= MIN_FEATURE_COUNT)
    .map(([f]) => f)
    .sort((a, b) => a - b);
  const index = new Map(keys.map((f, i) => [f, i]));

  const sx = sentimentTrain.map((e) => encode(e.text, index));
  const sy = sentimentTrain.map((e) => SENTIMENT_CLASSES.indexOf(e.label));
  const sent = trainLogistic(sx, sy, { features: keys.length, classes: 3, binary: false });

  // Topic heads do not see the lexicon features: "terrible" says how, not what about.
  const lexiconIds = new Set([index.get(LEXICON_POSITIVE), index.get(LEXICON_NEGATIVE)]);
  const tx = topicTrain.map((e) => {
    const { features: ids } = encode(e.text, index);
    return { features: ids.filter((i) => !lexiconIds.has(i)) };
  });
  const topicModels = MODEL_TOPICS.map((t) =>
    trainLogistic(
      tx,
      topicTrain.map((e) => (e.topics.has(t) ? 1 : 0)),
      { features: keys.length, classes: 1, binary: true },
    ),
  );

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
  };
  const tuned = tune(draft, { sentiment, topics });
  writeModel(tuned);
  console.log(
    `features: ${keys.length} seen ≥${MIN_FEATURE_COUNT}×, ${keptRows.length} kept; ` +
      `train: ${sentimentTrain.length} sentiment, ${topicTrain.length} topic examples`,
  );
}

/** Picks the neutral band and each topic's threshold on the validation split. */
function tune(
  draft: ModelData,
  data: {
    sentiment: ReturnType<typeof loadSentimentExamples>;
    topics: ReturnType<typeof loadTopicExamples>;
  },
): ModelData {
  const model = new LinearModel(draft);
  const validation = data.sentiment.filter((e) => e.split === 'validation');
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
  console.log(`validation sentiment: neutral band ${bestBand}, macro-F1 ${bestMacro.toFixed(3)}`);

  const vTopics = data.topics.filter((e) => e.split === 'validation');
  const logits = vTopics.map((e) => model.logits(features(e.text)));
  const rules = vTopics.map((e) => topicsByRule(e.text.toLowerCase()));
  const thresholds: Record<string, number> = {};
  MODEL_TOPICS.forEach((topic, i) => {
    // 1.01 switches the head off: kept only if validation says rules alone do better.
    let best = { t: 0.5, f: -1 };
    const candidates = [...Array.from({ length: 17 }, (_, n) => 0.1 + n * 0.05), 1.01];
    for (const t of candidates) {
      const c = countBinary(
        vTopics.map((e, n): [boolean, boolean] => [
          e.topics.has(topic),
          sigmoid(logits[n]![3 + i]!) >= t || rules[n]!.has(topic),
        ]),
      );
      if (f1(c) > best.f + 1e-9) best = { t: Number(t.toFixed(2)), f: f1(c) };
    }
    thresholds[topic] = best.t;
    console.log(
      `validation topic ${topic}: threshold ${best.t}, F1 (model or rule) ${best.f.toFixed(3)}`,
    );
  });
  return { ...draft, neutralBand: bestBand, topicThresholds: thresholds };
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
