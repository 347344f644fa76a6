/**
 * The guard's public contract. Everything else in this package is free to change;
 * these shapes are what the server, the CLI, the web app and the benchmark rely on.
 */

/** What is being checked: an outgoing post, a reply to a review or comment, a message to a patient (review request), or an inbound item (a review we received). */
export type CheckKind = 'post' | 'reply' | 'message' | 'inbound';

export type NetworkId =
  'x' | 'bluesky' | 'mastodon' | 'instagram' | 'linkedin' | 'facebook' | 'gbp';

export type Severity = 'block' | 'warn' | 'info';
export type Verdict = 'block' | 'review' | 'pass';

/** HIPAA Safe Harbor identifier categories (45 CFR 164.514(b)(2)(i)(A)–(R)) plus the non-identifier risk families. */
export type FindingCategory =
  | 'name'
  | 'geographic'
  | 'date'
  | 'age'
  | 'phone'
  | 'fax'
  | 'email'
  | 'ssn'
  | 'medical_record_number'
  | 'health_plan_number'
  | 'account_number'
  | 'license_number'
  | 'vehicle_identifier'
  | 'device_identifier'
  | 'url'
  | 'ip_address'
  | 'biometric'
  | 'photo'
  | 'other_identifier'
  | 'patient_relationship'
  | 'marketing_claim'
  | 'network_limit'
  | 'accessibility'
  | 'readability'
  | 'custom';

export interface Finding {
  /** Stable rule id, e.g. `phi.ssn`, `reply.confirms-patient`, `claims.guarantee`. */
  rule: string;
  category: FindingCategory;
  /** UTF-16 code unit offsets into the checked text: `text.slice(start, end) === finding.text`. Both 0 for whole-document findings. */
  start: number;
  end: number;
  text: string;
  severity: Severity;
  /** Plain-language explanation of why this matters. Never echoes other PHI. */
  message: string;
  fix?: Fix;
}

export type Fix =
  | { kind: 'redact'; replacement: string; description: string }
  | { kind: 'replace-text'; replacement: string; description: string }
  | { kind: 'link-authorization'; description: string }
  | { kind: 'advice'; description: string };

export interface PersonRef {
  name: string;
  credentials?: string;
}

export interface LocationRef {
  name?: string;
  address?: string;
  city?: string;
  state?: string;
  zip?: string;
  phone?: string;
  fax?: string;
}

/** What the practice publishes about itself: none of this is PHI. */
export interface GuardContext {
  name?: string;
  providers?: PersonRef[];
  staff?: PersonRef[];
  locations?: LocationRef[];
  mailingAddress?: string;
  website?: string;
  emails?: string[];
  handles?: string[];
  customRules?: { block?: string[]; allow?: string[] };
}

export interface MediaRef {
  altText?: string;
  /** Set when a person's face is visible (image analysis comes later; today the author or uploader says so). */
  hasFace?: boolean;
}

export interface CheckInput {
  text: string;
  kind: CheckKind;
  /** For replies: the review or comment being answered. */
  review?: string;
  network?: NetworkId;
  /** Instance-specific character limit (Mastodon). */
  maxCharacters?: number;
  media?: MediaRef[];
  /** A signed authorization covers this content (testimonials, patient stories). */
  authorizationLinked?: boolean;
}

export interface CheckResult {
  verdict: Verdict;
  findings: Finding[];
}

export interface Guard {
  check(input: CheckInput): CheckResult;
}

/** Inputs over this many UTF-16 code units are refused with a GuardInputError. */
export const MAX_TEXT_LENGTH = 1_048_576;
