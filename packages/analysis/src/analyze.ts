import { AnalysisInputError } from './errors.js';
import { featuresOfLowercase } from './model/features.js';
import { LinearModel } from './model/linear-model.js';
import { MODEL } from './model/weights.gen.js';
import { combineSentiment, textScore } from './sentiment/sentiment.js';
import { topicsByRule } from './topics/topic-rules.js';
import {
  MAX_ANALYZED_CHARS,
  TOPICS,
  type Analysis,
  type AnalyzeOptions,
  type Topic,
} from './types.js';
import { detectUrgency } from './urgency/urgency.js';

/** Urgent language is looked for further into a long text than the model reads: up to 1 MB. */
export const MAX_URGENCY_CHARS = 1_000_000;

let model: LinearModel | undefined;

/** The shipped model, decoded on first use (about 10 ms) and shared by every call. */
function shippedModel(): LinearModel {
  model ??= new LinearModel(MODEL);
  return model;
}

function validRating(options: unknown): number | null {
  if (options === undefined || options === null) return null;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new AnalysisInputError('The analysis options must be an object like { rating: 4 }.');
  }
  const rating = (options as { rating?: unknown }).rating;
  if (rating === undefined || rating === null) return null;
  if (typeof rating !== 'number' || !Number.isFinite(rating) || rating < 1 || rating > 5) {
    throw new AnalysisInputError('The rating must be a number from 1 to 5 stars.');
  }
  return rating;
}

/**
 * Sentiment, topics and urgency of one review, comment or mention. Pure and synchronous; well under
 * 50 µs for a typical review once the model is loaded (see BENCHMARKS.md).
 *
 * @throws AnalysisInputError when `text` is not a string or the rating is not 1–5.
 */
export function analyze(text: string, options?: AnalyzeOptions): Analysis {
  if (typeof text !== 'string') {
    throw new AnalysisInputError(
      'The text to analyse must be a string (use "" for a rating alone).',
    );
  }
  const rating = validRating(options);
  const m = shippedModel();
  const truncated = text.length > MAX_ANALYZED_CHARS;
  const head = truncated ? text.slice(0, MAX_ANALYZED_CHARS) : text;
  const lower = head.toLowerCase();

  const feats = featuresOfLowercase(lower);
  const logits = feats.length > 0 ? m.logits(feats) : null;
  const sentiment = combineSentiment(logits ? textScore(logits) : null, rating, MODEL.neutralBand);

  const found = topicsByRule(lower);
  if (logits) {
    for (let j = 3; j < m.heads.length; j++) {
      const topic = m.heads[j]!.slice('topic:'.length);
      const threshold = MODEL.topicThresholds[topic] ?? 0.5;
      if (1 / (1 + Math.exp(-logits[j]!)) >= threshold) found.add(topic as Topic);
    }
  }
  const topics = TOPICS.filter((t) => found.has(t));

  const urgencyText =
    text.length > MAX_ANALYZED_CHARS ? text.slice(0, MAX_URGENCY_CHARS).toLowerCase() : lower;
  const urgency = detectUrgency(urgencyText);

  return { sentiment, topics, urgency, truncated, modelVersion: MODEL.version };
}
