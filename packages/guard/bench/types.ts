/**
 * Shapes shared by the benchmark: labelled documents from every data set, the spans systems
 * predict, and the categories both are scored in.
 */
import type { CheckKind } from '../src/types.js';

/** The HIPAA Safe Harbor identifier categories the benchmark scores (45 CFR 164.514(b)(2)(i)). */
export const HIPAA_CATEGORIES = [
  'name',
  'geographic',
  'date',
  'age',
  'phone',
  'fax',
  'email',
  'ssn',
  'medical_record_number',
  'health_plan_number',
  'account_number',
  'license_number',
  'vehicle_identifier',
  'device_identifier',
  'url',
  'ip_address',
  'other_identifier',
] as const;

export type HipaaCategory = (typeof HIPAA_CATEGORIES)[number];

/** Formatted identifiers: the "structured identifier types" (target: entity recall ≥ 0.97). */
export const STRUCTURED_CATEGORIES: readonly HipaaCategory[] = [
  'phone',
  'fax',
  'email',
  'ssn',
  'medical_record_number',
  'health_plan_number',
  'account_number',
  'license_number',
  'vehicle_identifier',
  'device_identifier',
  'url',
  'ip_address',
  'other_identifier',
];

export function isHipaaCategory(value: string): value is HipaaCategory {
  return (HIPAA_CATEGORIES as readonly string[]).includes(value);
}

/** A labelled character span. `category: null` marks a neutral span: not scored, and predictions on it are neither right nor wrong. */
export interface GoldSpan {
  start: number;
  end: number;
  category: HipaaCategory | null;
  /** The data set's own label (e.g. presidio `STREET_ADDRESS`, BTC `PER`). */
  sourceType: string;
  text: string;
}

/** A document every system is scored on. */
export interface BenchDoc {
  id: string;
  text: string;
  kind: CheckKind;
  /** For replies: the review being answered. */
  review?: string;
  /** Index into the data set's practice contexts (project corpus); 0 elsewhere. */
  practice: number;
  spans: GoldSpan[];
  /** Document label; absent where the data set has none (social_ner). */
  shouldBlock?: boolean;
  /** Replies only: the reply confirms that the reviewer is or was a patient. */
  disclosesRelationship?: boolean;
  /** Language of the text, where the data set says (project corpus: `en` or `es`). */
  lang?: string;
  /** Free-form sub-type used to slice results (e.g. `post.clean`, `reply.safe`). */
  subtype?: string;
}

/** A span a system reports, already mapped to a HIPAA category. */
export interface PredictedSpan {
  start: number;
  end: number;
  category: HipaaCategory;
  /** The system's own label, kept for debugging. */
  sourceType: string;
}

/** What one system says about one document. */
export interface Prediction {
  spans: PredictedSpan[];
  /** The system would stop this text from going out. */
  block: boolean;
  /** Guard only: its three-way verdict. */
  verdict?: 'block' | 'review' | 'pass';
  /** Guard only: rule ids of whole-document findings (e.g. relationship disclosure). */
  rules?: string[];
}
