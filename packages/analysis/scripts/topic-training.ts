/**
 * Topic heads: how they are trained, and the 5-fold cross-validation over train + validation that
 * picks each topic's threshold (scripts/train.ts) and compared the settings (scripts/topic-cv.ts).
 * The test split never reaches this file.
 */
import { features, hashString, LEXICON_NEGATIVE, LEXICON_POSITIVE } from '../src/model/features.js';
import { topicsByRule } from '../src/topics/topic-rules.js';
import type { Topic } from '../src/types.js';
import { normalizeForSplit, type TopicExample } from './dataset.js';
import { trainLogistic, type Encoded } from './logistic.js';
import { countBinary, f1, type BinaryCounts } from './metrics.js';

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
export const MIN_FEATURE_COUNT = 5;
export const FOLDS = 5;
export const SEED = 20261128;

export interface TopicSetup {
  features: (text: string) => number[];
  /** Divide each head's weight sum by √(number of features), as LinearModel does when told to. */
  lengthNorm: boolean;
  training: { epochs: number; learningRate: number; l2: number; positiveWeight?: number };
  /** The keyword rules a head is OR-ed with. */
  rules: (lowercased: string) => ReadonlySet<Topic>;
}

/** What ships: chosen by 5-fold cross-validation on train + validation (README). */
export const SHIPPED_TOPIC_SETUP: TopicSetup = {
  features,
  lengthNorm: true,
  training: { epochs: 12, learningRate: 0.2, l2: 1e-6 },
  rules: topicsByRule,
};

export type Head = { w: Float64Array; b: Float64Array };

/** Hashes seen in at least MIN_FEATURE_COUNT of the texts, numbered in hash order. */
export function buildIndex(
  texts: Iterable<string>,
  featureFn: (text: string) => number[] = features,
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const text of texts) {
    for (const f of new Set(featureFn(text))) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  const keys = [...counts.entries()]
    .filter(([, c]) => c >= MIN_FEATURE_COUNT)
    .map(([f]) => f)
    .sort((a, b) => a - b);
  return new Map(keys.map((f, i) => [f, i]));
}

/**
 * A text as the topic heads see it: its known features except the two lexicon features
 * ("terrible" says how, not what about), valued 1/√n when length-normalised, n counting every
 * feature of the text as LinearModel does.
 */
export function encodeForTopics(
  text: string,
  index: Map<number, number>,
  setup: TopicSetup,
): Encoded {
  const all = setup.features(text);
  const lexicon = new Set([index.get(LEXICON_POSITIVE), index.get(LEXICON_NEGATIVE)]);
  const ids: number[] = [];
  for (const f of all) {
    const i = index.get(f);
    if (i !== undefined && !lexicon.has(i)) ids.push(i);
  }
  const value = setup.lengthNorm ? 1 / Math.sqrt(Math.max(1, all.length)) : 1;
  return { features: Int32Array.from(ids), value };
}

export function trainTopicHeads(
  rows: readonly TopicExample[],
  index: Map<number, number>,
  setup: TopicSetup,
): Head[] {
  const xs = rows.map((e) => encodeForTopics(e.text, index, setup));
  return MODEL_TOPICS.map((t) =>
    trainLogistic(
      xs,
      rows.map((e) => (e.topics.has(t) ? 1 : 0)),
      { features: index.size, classes: 1, binary: true, seed: SEED, ...setup.training },
    ),
  );
}

export function probability(head: Head, x: Encoded): number {
  let s = 0;
  for (const f of x.features) s += head.w[f]!;
  return 1 / (1 + Math.exp(-(head.b[0]! + s * (x.value ?? 1))));
}

/** The cross-validation fold of a text: by hash, so identical answers share a fold. */
export function foldOf(text: string): number {
  return hashString(`bedside-cv-v1:${normalizeForSplit(text)}`) % FOLDS;
}

/**
 * Out-of-fold P(topic) for every row, per MODEL_TOPICS head: each fold is scored by heads trained,
 * with their own feature index, on the other four folds (and `otherTexts` outside the fold only
 * count towards the index), so no row is scored by a model that saw it.
 */
export function crossValidatedProbabilities(
  rows: readonly TopicExample[],
  otherTexts: readonly string[],
  setup: TopicSetup,
): Float64Array[] {
  const out = MODEL_TOPICS.map(() => new Float64Array(rows.length));
  const folds = rows.map((e) => foldOf(e.text));
  const otherFolds = otherTexts.map(foldOf);
  for (let k = 0; k < FOLDS; k++) {
    const fit = rows.filter((_, i) => folds[i] !== k);
    const index = buildIndex(
      [...otherTexts.filter((_, i) => otherFolds[i] !== k), ...fit.map((e) => e.text)],
      setup.features,
    );
    const heads = trainTopicHeads(fit, index, setup);
    rows.forEach((e, i) => {
      if (folds[i] !== k) return;
      const x = encodeForTopics(e.text, index, setup);
      heads.forEach((head, j) => {
        out[j]![i] = probability(head, x);
      });
    });
  }
  return out;
}

/** Thresholds tried; 1.01 switches the head off (kept only if the rule alone does better). */
export const THRESHOLD_CANDIDATES: readonly number[] = [
  ...Array.from({ length: 35 }, (_, n) => Number((0.1 + n * 0.025).toFixed(3))),
  1.01,
];

/** The threshold with the best F1 for "P(topic) ≥ threshold or the rule matches". */
export function bestThreshold(
  gold: readonly boolean[],
  probabilities: ArrayLike<number>,
  ruleHits: readonly boolean[],
): { threshold: number; counts: BinaryCounts } {
  let best = { threshold: 0.5, counts: countBinary([]), f: -1 };
  for (const t of THRESHOLD_CANDIDATES) {
    const counts = countBinary(
      gold.map((g, n): [boolean, boolean] => [g, probabilities[n]! >= t || ruleHits[n]!]),
    );
    if (f1(counts) > best.f + 1e-9) best = { threshold: t, counts, f: f1(counts) };
  }
  return { threshold: best.threshold, counts: best.counts };
}
