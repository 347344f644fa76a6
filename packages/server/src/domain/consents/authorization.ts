/**
 * A patient authorization: the written permission 45 CFR 164.508 requires before a practice uses
 * a patient's story, photo or name to promote itself (HIPAA.md §1; issue 6).
 *
 * It holds only what the regulation and the signing link need. Every text field is the wording the
 * patient saw, so the record is its own evidence. Free text is trimmed; an empty string means "not
 * filled in", which validation reports as the element that is missing (164.508(b)(2)(ii)).
 *
 * @example
 * const record: AuthorizationRecord = buildAuthorization(); // see test-support/build-authorization.ts
 */

/** What a post may show of the patient: the closed part of 164.508(c)(1)(i). */
export const contentTypes = ['text', 'name', 'photo', 'video', 'condition'] as const;
export type ContentType = (typeof contentTypes)[number];

/**
 * Where the information may go: the closed part of 164.508(c)(1)(iii). The social networks are the
 * guard's `NetworkId`s; `website` and `print` are the practice's own channels.
 */
export const recipientChannels = [
  'x',
  'bluesky',
  'mastodon',
  'instagram',
  'linkedin',
  'facebook',
  'gbp',
  'website',
  'print',
] as const;
export type RecipientChannel = (typeof recipientChannels)[number];

/**
 * draft → sent (signing link out) → signed → revoked | expired. `revoked` and `expired` are final:
 * a new authorization is a new record.
 */
export const authorizationStatuses = ['draft', 'sent', 'signed', 'revoked', 'expired'] as const;
export type AuthorizationStatus = (typeof authorizationStatuses)[number];

/** Where the signing link goes. */
export type PatientContact = { kind: 'email'; email: string } | { kind: 'phone'; phone: string };

/** The individual the authorization is about. `externalId` is the practice's own chart number, if it wants one. */
export interface AuthorizationPatient {
  name: string;
  contact: PatientContact;
  externalId: string | null;
}

/** 164.508(c)(1)(i): the information, "in a specific and meaningful fashion". */
export interface InformationDescription {
  contentTypes: ContentType[];
  /** Which photos, which words, which condition: e.g. "two photos of my smile taken in March". */
  description: string;
}

/** 164.508(c)(1)(ii): who may make the use or disclosure. */
export interface Disclosers {
  practiceName: string;
  /** Named staff, when the form names them. */
  persons: string[];
}

/** 164.508(c)(1)(iii): who receives it. On social media that is the public, through these channels. */
export interface Recipients {
  channels: RecipientChannel[];
  /** Optional wording such as "the public, through the practice's accounts". */
  description: string;
}

/** 164.508(c)(1)(iv). "At the request of the individual" suffices when the patient started it. */
export interface Purpose {
  description: string;
  atRequestOfIndividual: boolean;
}

/**
 * 164.508(c)(1)(v). A `date` is a calendar date (YYYY-MM-DD) in the practice's time zone and is the
 * last day the authorization is in effect (inclusive). An `event` must relate to the patient or the
 * purpose; "none" is allowed only for research, which Bedside does not do.
 */
export type Expiry = { kind: 'date'; date: string } | { kind: 'event'; event: string };

/** Who signed: the patient, or a personal representative with a description of their authority (164.508(c)(1)(vi)). */
export type Signer =
  { kind: 'individual' } | { kind: 'personal-representative'; authority: string };

/** 164.508(c)(1)(vi): signature and date. */
export interface Signature {
  /** The name typed by whoever signed (the patient or the representative). */
  signedName: string;
  /** An instant with offset (2025-04-30T14:05:00Z, e-signature) or a calendar date (2025-04-30, paper form). */
  signedAt: string;
  signer: Signer;
}

/**
 * How the patient revokes, 164.508(c)(2)(i): either (A) the exceptions and how to revoke, or (B) a
 * reference to the Notice of Privacy Practices, when the notice describes both.
 */
export type RevocationProcedure =
  | { kind: 'described'; exceptions: string; howToRevoke: string }
  | { kind: 'notice-of-privacy-practices'; reference: string };

/** The statements of 164.508(c)(2), as worded on the form. */
export interface RequiredStatements {
  /** (c)(2)(i): the right to revoke in writing. */
  rightToRevoke: string;
  /** (c)(2)(i)(A) or (B). */
  revocationProcedure: RevocationProcedure | null;
  /**
   * (c)(2)(ii)(A): the practice may not condition treatment, payment, enrollment or eligibility on
   * signing. Only (A) is modelled: none of the (b)(4) exceptions (research-related treatment, health
   * plan enrollment, care solely to create information for a third party) fits a publicity
   * authorization, so the (B) "consequences of refusing" form never applies here.
   */
  conditioning: string;
  /** (c)(2)(iii): the recipient may redisclose it and it is then no longer protected. */
  redisclosure: string;
}

/** 164.508(a)(3)(ii): when a third party pays the practice for the communication, the form must say so. */
export interface Remuneration {
  thirdPartyPays: boolean;
  statement: string;
}

export interface AuthorizationRecord {
  patient: AuthorizationPatient;
  information: InformationDescription;
  disclosers: Disclosers;
  recipients: Recipients;
  purpose: Purpose;
  expiry: Expiry | null;
  signature: Signature | null;
  statements: RequiredStatements;
  remuneration: Remuneration;
  /** 164.508(b)(3): combined with a document that is not itself an authorization (intake form, consent to treat). */
  combinedWithOtherDocument: boolean;
  /** 164.508(b)(4): the practice made treatment, payment, enrollment or eligibility depend on signing. */
  treatmentConditionedOnSigning: boolean;
  /** 164.508(b)(2)(v): the practice knows material information in the form is false. */
  knownFalseMaterialInformation: boolean;
  status: AuthorizationStatus;
  /** When the practice received the written revocation: it takes effect then (164.508(b)(5); HHS FAQ). */
  revokedAt: string | null;
  /**
   * The instant the authorization stopped being in effect, when known: set when staff record that the
   * expiration event occurred, or by the expiry job. `expiry` stays the source of truth for dates.
   */
  expiresAt: string | null;
}
