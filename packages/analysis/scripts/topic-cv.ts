/**
 * How the topic settings were chosen: 5-fold cross-validation over train + validation (the test
 * split is never read), one setting changed at a time from what ships. Prints a markdown table of
 * out-of-fold F1 for "head or keyword rule" per topic, each at its best threshold (so a little
 * optimistic, the same way for every row).
 *
 *   npm run cv:topics -w @bedside/analysis
 */
import { featuresOfTokens } from '../src/model/features.js';
import { tokenize } from '../src/text/tokenize.js';
import { TOPIC_RULES } from '../src/topics/topic-rules.js';
import type { Topic } from '../src/types.js';
import { loadSentimentExamples, loadTopicExamples } from './dataset.js';
import { countBinary, f1 } from './metrics.js';
import { SEED_REVIEWS } from './seed-reviews.js';
import {
  bestThreshold,
  crossValidatedProbabilities,
  MODEL_TOPICS,
  SHIPPED_TOPIC_SETUP,
  type TopicSetup,
} from './topic-training.js';

/** The wait-time and communication rules before they gained general review phrasing. */
const PREVIOUS_RULES: Partial<Record<Topic, RegExp>> = {
  wait_time:
    /\b(?:wait(?:s|ed|ing)?|waited|delay(?:s|ed)?|running late|(?:was|were|is|are|ran|run) late|on time|punctual(?:ly)?|queue[ds]?|took forever|kept (?:me|us) (?:waiting|for)|(?:seen|called in) (?:quickly|promptly|straight away|right away|on time))\b/,
  communication:
    /\b(?:explain(?:s|ed|ing)?|explanation|listen(?:s|ed|ing)?|informed|inform(?:ation)?|call(?:ed)? (?:me |us )?back|return(?:ed)? (?:my |our )?calls?|answer(?:ed|s)? (?:my |all my |our )?questions|communicat(?:e|ed|ion|ing)|kept (?:me|us) (?:informed|updated)|update[ds]?|never (?:heard|called)|no one (?:told|called)|voicemails?|messages?|portal)\b/,
};

function previousRules(lowercased: string): Set<Topic> {
  const found = new Set<Topic>();
  for (const [topic, rule] of Object.entries(TOPIC_RULES) as [Topic, RegExp][]) {
    if ((PREVIOUS_RULES[topic] ?? rule).test(lowercased)) found.add(topic);
  }
  return found;
}

const withPrefix =
  (n: number) =>
  (text: string): number[] =>
    featuresOfTokens(tokenize(text), n);
const shipped = SHIPPED_TOPIC_SETUP;
const VARIANTS: [string, TopicSetup][] = [
  ['**shipped**: prefix 5, length-normalised, 12 epochs, L2 1e-6, current rules', shipped],
  ['no prefix features', { ...shipped, features: withPrefix(0) }],
  ['prefix 4', { ...shipped, features: withPrefix(4) }],
  ['prefix 6', { ...shipped, features: withPrefix(6) }],
  ['no length normalisation', { ...shipped, lengthNorm: false }],
  ['5 epochs', { ...shipped, training: { ...shipped.training, epochs: 5 } }],
  ['20 epochs', { ...shipped, training: { ...shipped.training, epochs: 20 } }],
  ['L2 1e-3', { ...shipped, training: { ...shipped.training, l2: 1e-3 } }],
  ['positives weighted ×2', { ...shipped, training: { ...shipped.training, positiveWeight: 2 } }],
  ['previous wait-time and communication rules', { ...shipped, rules: previousRules }],
  [
    'previous setup: no prefix, no normalisation, previous rules',
    { ...shipped, features: withPrefix(0), lengthNorm: false, rules: previousRules },
  ],
];

function main(): void {
  const rows = loadTopicExamples().filter((e) => e.split !== 'test');
  const sentimentTrain = [
    ...loadSentimentExamples().filter((e) => e.split === 'train'),
    ...SEED_REVIEWS,
  ].map((e) => e.text);
  const only = process.argv[2];
  const header = `| Setting (5-fold CV on train + validation, ${rows.length} comments) | rules only: ${MODEL_TOPICS.join(' / ')} | head or rule: ${MODEL_TOPICS.join(' / ')} |`;
  console.log(header);
  console.log('| --- | --- | --- |');
  for (const [name, setup] of VARIANTS) {
    if (only && !name.includes(only)) continue;
    const oof = crossValidatedProbabilities(rows, sentimentTrain, setup);
    const rules = rows.map((e) => setup.rules(e.text.toLowerCase()));
    const ruleF1: string[] = [];
    const shippedF1: string[] = [];
    MODEL_TOPICS.forEach((topic, i) => {
      const gold = rows.map((e) => e.topics.has(topic));
      const hits = rules.map((r) => r.has(topic));
      ruleF1.push(
        f1(countBinary(gold.map((g, n): [boolean, boolean] => [g, hits[n]!]))).toFixed(3),
      );
      shippedF1.push(f1(bestThreshold(gold, oof[i]!, hits).counts).toFixed(3));
    });
    console.log(`| ${name} | ${ruleF1.join(' / ')} | ${shippedF1.join(' / ')} |`);
  }
}

main();
