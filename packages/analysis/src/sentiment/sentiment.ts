import type { Sentiment, SentimentLabel } from '../types.js';

/** How much a star rating counts against the text when both are present. */
const RATING_WEIGHT = 0.5;

/** P(positive) − P(negative) from the three sentiment logits (negative, neutral, positive). */
export function textScore(logits: Float64Array): number {
  const [n, u, p] = [logits[0]!, logits[1]!, logits[2]!];
  const max = Math.max(n, u, p);
  const en = Math.exp(n - max);
  const eu = Math.exp(u - max);
  const ep = Math.exp(p - max);
  return (ep - en) / (en + eu + ep);
}

/** 1 star → −1, 3 stars → 0, 5 stars → +1. */
export function ratingScore(rating: number): number {
  return (rating - 3) / 2;
}

/**
 * Combines the text's score (null when the text has no words to judge) with the rating (null
 * when the source has none). With neither, the item is neutral.
 */
export function combineSentiment(
  text: number | null,
  rating: number | null,
  neutralBand: number,
): Sentiment {
  let score = 0;
  if (text !== null && rating !== null) {
    score = (1 - RATING_WEIGHT) * text + RATING_WEIGHT * ratingScore(rating);
  } else if (text !== null) score = text;
  else if (rating !== null) score = ratingScore(rating);
  const rounded = Math.round(score * 1000) / 1000;
  // A star rating is the reviewer's own verdict: with one, only a near-even score is neutral
  // (a 2-star complaint the text model finds bland is still negative).
  const band = rating !== null ? neutralBand / 2 : neutralBand;
  let label: SentimentLabel = 'neutral';
  if (Math.abs(score) >= band && score !== 0) label = score > 0 ? 'positive' : 'negative';
  return { score: Object.is(rounded, -0) ? 0 : rounded, label };
}
