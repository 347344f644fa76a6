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
 * The one place the server asks for sentiment, topics and urgency. reputation-analysis's
 * `@bedside/analysis` replaces `interimAnalyze` here once it lands (see NOTES.md); until then a
 * small rule set keeps the pipeline honest end to end.
 */
export function analyzeItem(text: string, rating: number | null): ItemAnalysis {
  return interimAnalyze(text, rating);
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

const NEGATIVE =
  /\b(rude|terrible|awful|worst|horrible|waited|waiting|never again|unprofessional|dirty|overcharged|ignored|disappointed|bad|painful|wrong|incompetent|lost|late)\b/gi;
const POSITIVE =
  /\b(great|excellent|wonderful|friendly|kind|helpful|amazing|best|caring|professional|recommend|thank|thanks|clean|quick|love)\b/gi;
const TOPIC_CUES: Record<string, RegExp> = {
  wait_time: /\b(wait(ed|ing)?|hours? late|delay(ed)?|on time)\b/i,
  scheduling_access: /\b(appointment|schedul\w*|book(ed|ing)?|cancel(l?ed)?|reschedul\w*)\b/i,
  billing_insurance: /\b(bill(ed|ing)?|insurance|charged?|invoice|copay|cost|price)\b/i,
  staff_manner: /\b(rude|friendly|staff|receptionist|nurse|attitude|kind)\b/i,
  communication: /\b(call(ed)? back|explain\w*|listen\w*|respond\w*|communicat\w*)\b/i,
  clinical_outcome: /\b(diagnos\w*|treatment|surgery|pain|worse|better|misdiagnos\w*|outcome)\b/i,
  cleanliness: /\b(clean|dirty|filthy|hygien\w*)\b/i,
  facilities_parking: /\b(parking|building|waiting room|facility|facilities)\b/i,
  telehealth: /\b(telehealth|video (visit|call)|virtual|zoom)\b/i,
};
const URGENT_CUES: Record<string, RegExp> = {
  legal_threat: /\b(lawyer|attorney|sue|lawsuit|legal action)\b/i,
  hipaa_complaint: /\b(hipaa|privacy (violation|breach)|shared my (records|information))\b/i,
  safety: /\b(unsafe|dangerous|abuse[d]?|assault(ed)?)\b/i,
  emergency: /\b(emergency|can'?t breathe|chest pain)\b/i,
  self_harm: /\b(kill myself|suicid\w*|end my life|hurt myself)\b/i,
};

function interimAnalyze(text: string, rating: number | null): ItemAnalysis {
  const negative = text.match(NEGATIVE)?.length ?? 0;
  const positive = text.match(POSITIVE)?.length ?? 0;
  let score = (positive - negative) / Math.max(1, positive + negative);
  if (rating !== null) score = (score + (rating - 3) / 2) / 2;
  score = Math.round(Math.max(-1, Math.min(1, score)) * 1000) / 1000;
  const sentimentLabel: SentimentLabel =
    score <= -0.2 ? 'negative' : score >= 0.2 ? 'positive' : 'neutral';
  const topics = Object.keys(TOPIC_CUES).filter((t) => TOPIC_CUES[t]?.test(text));
  const urgencyReasons = Object.keys(URGENT_CUES).filter((k) => URGENT_CUES[k]?.test(text));
  const critical = urgencyReasons.some((r) => r === 'emergency' || r === 'self_harm');
  return {
    sentimentScore: score,
    sentimentLabel,
    topics,
    urgency: critical ? 'critical' : urgencyReasons.length > 0 ? 'high' : 'none',
    urgencyReasons,
  };
}
