/**
 * The analysis contract. The server stores these shapes on each inbox item; the web app
 * filters and charts by them. Everything else in this package is free to change.
 */

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface Sentiment {
  /** From -1 (certainly negative) to +1 (certainly positive), rounded to 3 decimals. */
  score: number;
  label: SentimentLabel;
}

/** Bedside's review topics (issue 5). Stable ids: stored in the database and used in URLs. */
export const TOPICS = [
  'wait_time',
  'scheduling_access',
  'billing_insurance',
  'staff_manner',
  'communication',
  'clinical_outcome',
  'cleanliness',
  'facilities_parking',
  'telehealth',
] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_LABELS: Readonly<Record<Topic, string>> = {
  wait_time: 'Wait time',
  scheduling_access: 'Scheduling and access',
  billing_insurance: 'Billing and insurance',
  staff_manner: 'Staff manner',
  communication: 'Communication',
  clinical_outcome: 'Clinical outcome',
  cleanliness: 'Cleanliness',
  facilities_parking: 'Facilities and parking',
  telehealth: 'Telehealth',
};

/** Why an item must reach a person at once. Every kind escalates. */
export type UrgencyKind = 'legal_threat' | 'hipaa_complaint' | 'safety' | 'emergency' | 'self_harm';

/**
 * `none`: nothing urgent. `high`: a legal threat, a HIPAA/privacy complaint or a safety concern.
 * `critical`: emergency or self-harm language — someone may be in danger. Both `high` and
 * `critical` escalate at once (the values match reputation_items.urgency).
 */
export type UrgencyLevel = 'none' | 'high' | 'critical';

export interface UrgencyReason {
  kind: UrgencyKind;
  /** The cue that matched, as written in Bedside's rule list (never a copy of the item's text). */
  cue: string;
}

export interface Urgency {
  level: UrgencyLevel;
  /** One entry per kind that matched, in the order of {@link URGENCY_KINDS}. */
  reasons: UrgencyReason[];
}

export const URGENCY_KINDS: readonly UrgencyKind[] = [
  'self_harm',
  'emergency',
  'safety',
  'legal_threat',
  'hipaa_complaint',
];

export interface AnalyzeOptions {
  /** The star rating that came with the review, 1–5 (fractions allowed), if the source has one. */
  rating?: number | null;
}

export interface Analysis {
  sentiment: Sentiment;
  /** Topics in the order of {@link TOPICS}; empty when none applies. */
  topics: Topic[];
  urgency: Urgency;
  /** True when the text was longer than {@link MAX_ANALYZED_CHARS} and only its start was analysed. */
  truncated: boolean;
  /** Version of the shipped model, so stored results can be recomputed when it changes. */
  modelVersion: string;
}

/** Longer texts are analysed by their first 20,000 characters (a review is rarely over 5,000). */
export const MAX_ANALYZED_CHARS = 20_000;
