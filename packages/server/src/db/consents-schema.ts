/**
 * The consents tables (migration 20261128030000-consents). Timestamps are ISO-8601 UTC strings;
 * `expiryDate` and a paper form's `signedAt` are calendar dates (YYYY-MM-DD) in `timeZone`; flags
 * are 0/1; JSON columns are text.
 */
export interface ConsentTables {
  authorizationTemplates: AuthorizationTemplateTable;
  authorizations: AuthorizationTable;
  authorizationChannels: AuthorizationChannelTable;
  authorizationContentTypes: AuthorizationContentTypeTable;
  signingRequests: SigningRequestTable;
  signatures: SignatureTable;
  authorizationDocuments: AuthorizationDocumentTable;
  postAuthorizations: PostAuthorizationTable;
  mediaAuthorizations: MediaAuthorizationTable;
  takedownItems: TakedownItemTable;
}

/** One version of an organization's form; a change is a new version (append-only). */
export interface AuthorizationTemplateTable {
  id: string;
  orgId: string;
  version: number;
  title: string;
  /** JSON: TemplateSection[]. */
  sections: string;
  createdBy: string | null;
  createdAt: string;
}

export type AuthorizationSource = 'esign' | 'paper';
export type AuthorizationRowStatus = 'draft' | 'sent' | 'signed' | 'revoked' | 'expired';

export interface AuthorizationTable {
  id: string;
  orgId: string;
  locationId: string;
  /** The location's IANA zone when the record was created: expiry dates are calendar dates there. */
  timeZone: string;
  source: AuthorizationSource;
  status: AuthorizationRowStatus;
  patientName: string;
  contactKind: 'email' | 'phone';
  contactValue: string;
  externalId: string | null;
  informationDescription: string;
  practiceName: string;
  /** JSON: string[]. */
  discloserPersons: string;
  recipientsDescription: string;
  purpose: string;
  purposeAtRequest: number;
  expiryKind: 'date' | 'event';
  expiryDate: string | null;
  expiryEvent: string | null;
  /** JSON: RequiredStatements, as worded on the form. */
  statements: string;
  remunerationPayer: string | null;
  remunerationStatement: string;
  combinedWithOtherDocument: number;
  treatmentConditioned: number;
  knownFalseInformation: number;
  templateId: string | null;
  /** The whole form as the patient read it. */
  formText: string;
  /** SHA-256 of the revocation link's token, sent with the patient's copy. */
  revocationTokenHash: string | null;
  revokedAt: string | null;
  revocationSource: 'patient_link' | 'staff_written' | null;
  expiresAt: string | null;
  /** Six years after it was last in effect (164.530(j)); set on revocation or expiry. */
  retainUntil: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface AuthorizationChannelTable {
  authorizationId: string;
  orgId: string;
  channel: string;
}

export interface AuthorizationContentTypeTable {
  authorizationId: string;
  orgId: string;
  contentType: string;
}

/** A signing link: only the SHA-256 of its token is kept; it expires and is used once. */
export interface SigningRequestTable {
  id: string;
  orgId: string;
  authorizationId: string;
  tokenHash: string;
  mode: 'email' | 'tablet';
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  canceledAt: string | null;
}

export interface SignatureTable {
  id: string;
  orgId: string;
  authorizationId: string;
  signedName: string;
  /** An instant (e-signature) or a calendar date (paper form). */
  signedAt: string;
  signerKind: 'individual' | 'personal-representative';
  representativeAuthority: string | null;
  method: 'drawn' | 'typed' | 'paper';
  imagePng: Buffer | null;
  signingRequestId: string | null;
  recordedBy: string | null;
  createdAt: string;
}

/** The signed PDF, or a paper form's scan, with its SHA-256 fingerprint (append-only). */
export interface AuthorizationDocumentTable {
  id: string;
  orgId: string;
  authorizationId: string;
  kind: 'signed_pdf' | 'paper_scan';
  mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  byteSize: number;
  sha256: string;
  content: Buffer;
  createdBy: string | null;
  createdAt: string;
}

export interface PostAuthorizationTable {
  postId: string;
  authorizationId: string;
  orgId: string;
  linkedBy: string | null;
  createdAt: string;
}

export interface MediaAuthorizationTable {
  mediaId: string;
  authorizationId: string;
  orgId: string;
  taggedBy: string | null;
  createdAt: string;
}

/** Something a revocation or expiry left online that a person must remove by hand. */
export interface TakedownItemTable {
  id: string;
  orgId: string;
  authorizationId: string;
  postId: string;
  /** authorization:post:target — one item per thing to take down, however often it is recorded. */
  itemKey: string;
  network: string | null;
  remoteUrl: string | null;
  reason: 'revoked' | 'expired';
  status: 'open' | 'done';
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}
