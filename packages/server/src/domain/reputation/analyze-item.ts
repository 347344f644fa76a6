import { analyze } from '@bedside/analysis';
import type { Guard } from '@bedside/guard';
import type { SentimentLabel, Urgency } from '../../db/reputation-schema.js';

/** What the inbox stores about an item's content. */
export interface ItemAnalysis {
  sentimentScore: number;
  sentimentLabel: SentimentLabel;
  topics: string[];
  urgency: Urgency;
  urgencyReasons: string[];
}

/** A guard finding as stored on an inbound item: where it is and what it is, never the text. */
export interface StoredFinding {
  rule: string;
  category: string;
  start: number;
  end: number;
  severity: string;
}

/**
 * The one place the server asks for sentiment, topics and urgency: reputation-analysis's
 * `@bedside/analysis` (pure and synchronous, safe inside a transaction). Reasons are stored as
 * their kinds (`legal_threat`, …), never the cue or the text.
 */
export function analyzeItem(text: string, rating: number | null): ItemAnalysis {
  const result = analyze(text, {
    rating: rating !== null && rating >= 1 && rating <= 5 ? rating : null,
  });
  return {
    sentimentScore: result.sentiment.score,
    sentimentLabel: result.sentiment.label,
    topics: [...result.topics],
    urgency: result.urgency.level,
    urgencyReasons: result.urgency.reasons.map((r) => r.kind),
  };
}

/** Finding families that are about writing, not about a person: not inbound PHI. */
const NOT_PHI = new Set([
  'marketing_claim',
  'network_limit',
  'accessibility',
  'readability',
  'custom',
]);

/** Inbound PHI: what the guard finds in a received review (kind 'inbound'), offsets only. */
export function inboundFindings(guard: Guard, text: string): StoredFinding[] {
  if (text.length === 0) return [];
  const result = guard.check({ kind: 'inbound', text });
  return result.findings
    .filter((f) => !NOT_PHI.has(f.category))
    .map((f) => ({
      rule: f.rule,
      category: f.category,
      start: f.start,
      end: f.end,
      severity: f.severity,
    }));
}
