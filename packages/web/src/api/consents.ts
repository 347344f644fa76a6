import { api, download } from './client';

/** Patient authorizations (HIPAA 164.508): the server's consents routes. */
const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;
const seg = encodeURIComponent;

export const contentTypes = ['text', 'name', 'photo', 'video', 'condition'] as const;
export type ContentType = (typeof contentTypes)[number];
export const recipientChannels = [
  'facebook',
  'instagram',
  'x',
  'bluesky',
  'mastodon',
  'linkedin',
  'gbp',
  'website',
  'print',
] as const;
export type RecipientChannel = (typeof recipientChannels)[number];
export const consentStatuses = ['pending', 'active', 'expiring', 'expired', 'revoked'] as const;
export type ConsentStatus = (typeof consentStatuses)[number];

export type Expiry = { kind: 'date'; date: string } | { kind: 'event'; event: string };
export type Contact = { kind: 'email'; email: string } | { kind: 'phone'; phone: string };
export type Signer =
  { kind: 'individual' } | { kind: 'personal-representative'; authority: string };

export interface ConsentSummary {
  id: string;
  patientName: string;
  externalId: string | null;
  contact: string;
  source: 'esign' | 'paper';
  status: ConsentStatus;
  expiry: Expiry;
  channels: RecipientChannel[];
  contentTypes: ContentType[];
  signedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  dependentPosts: number;
  openTakedowns: number;
}

export interface ConsentDefect {
  code: string;
  element: string;
  message: string;
  citation: string;
}

export interface TakedownItem {
  id: string;
  postId: string;
  network: string | null;
  remoteUrl: string | null;
  status: 'open' | 'done';
  reason: string;
  createdAt: string;
  resolvedAt: string | null;
}

export interface ConsentDetail extends ConsentSummary {
  formText: string;
  timeZone: string;
  signer: { kind: string; authority: string | null; method: string } | null;
  defects: ConsentDefect[];
  documents: {
    id: string;
    kind: 'signed_pdf' | 'paper_scan';
    mediaType: string;
    byteSize: number;
    sha256: string;
    createdAt: string;
  }[];
  posts: { id: string; status: string; via: 'link' | 'media' }[];
  media: { id: string; altText: string }[];
  takedowns: TakedownItem[];
  signingLinks: {
    id: string;
    mode: string;
    createdAt: string;
    expiresAt: string;
    usedAt: string | null;
    canceledAt: string | null;
  }[];
}

export interface ConsentRequestInput {
  locationId?: string;
  patient: { name: string; contact: Contact; externalId?: string | null };
  contentTypes: ContentType[];
  contentDescription: string;
  networks: RecipientChannel[];
  purpose: string;
  expiry: Expiry;
  remunerationPayer?: string | null;
  delivery: 'email' | 'tablet';
}

export const paperElements = [
  'information',
  'disclosers',
  'recipients',
  'purpose',
  'expiry',
  'signature',
  'rightToRevoke',
  'revocationProcedure',
  'conditioning',
  'redisclosure',
  'remuneration',
  'standalone',
] as const;
export type PaperElement = (typeof paperElements)[number];

export interface PaperInput extends Omit<ConsentRequestInput, 'delivery'> {
  signature: { signedName: string; signedOn: string; signer: Signer };
  elements: Record<PaperElement, boolean>;
  file: { mediaType: 'application/pdf' | 'image/jpeg' | 'image/png'; data: string };
}

export interface TemplateSection {
  id: string;
  heading: string;
  body: string;
}
export interface ConsentTemplate {
  id: string | null;
  version: number;
  createdAt: string | null;
  title: string;
  sections: TemplateSection[];
}

export interface EndReport {
  authorizationId: string;
  ended: boolean;
  returnedToDraft: string[];
  deleted: { postId: string; network: string | null }[];
  takedown: { postId: string; network: string | null; url: string | null }[];
}

export interface SigningForm {
  practiceName: string;
  patientName: string;
  title: string;
  sections: { heading: string; body: string }[];
  expiresAt: string;
  mode: 'email' | 'tablet';
}

export interface SignInput {
  signedName: string;
  signer: Signer;
  signature: { method: 'drawn'; image: string } | { method: 'typed' };
  agreed: true;
}

export interface RevocationView {
  practiceName: string;
  status: 'signed' | 'revoked' | 'expired';
  signedAt: string | null;
  revokedAt: string | null;
}

export interface CoverageGap {
  code: 'authorization-required' | 'authorization-does-not-cover';
  reason: string;
  reasons?: string[];
  authorizationId?: string;
}

/** An authorization an image is tagged with. */
export interface MediaTag {
  authorizationId: string;
  patientName: string;
  status: 'draft' | 'sent' | 'signed' | 'revoked' | 'expired';
}

function listQuery(filters: { query?: string; status?: ConsentStatus }): string {
  const params = new URLSearchParams();
  if (filters.query?.trim()) params.set('query', filters.query.trim());
  if (filters.status) params.set('status', filters.status);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const consentsApi = {
  list: (
    orgId: string,
    filters: { query?: string; status?: ConsentStatus },
    signal?: AbortSignal,
  ) =>
    api.get<{ authorizations: ConsentSummary[] }>(
      `${org(orgId)}/consents${listQuery(filters)}`,
      signal,
    ),
  detail: (orgId: string, id: string, signal?: AbortSignal) =>
    api.get<ConsentDetail>(`${org(orgId)}/consents/${seg(id)}`, signal),
  request: (orgId: string, input: ConsentRequestInput) =>
    api.post<{ authorizationId: string; signingUrl: string | null; expiresAt: string }>(
      `${org(orgId)}/consents`,
      input,
    ),
  resend: (orgId: string, id: string, mode: 'email' | 'tablet') =>
    api.post<{ signingUrl: string | null; expiresAt: string }>(
      `${org(orgId)}/consents/${seg(id)}/signing-link`,
      { mode },
    ),
  paper: (orgId: string, input: PaperInput) =>
    api.post<{ authorizationId: string; sha256: string }>(`${org(orgId)}/consents/paper`, input),
  revoke: (orgId: string, id: string) =>
    api.post<EndReport>(`${org(orgId)}/consents/${seg(id)}/revoke`, { confirm: true }),
  expiryEvent: (orgId: string, id: string) =>
    api.post<EndReport>(`${org(orgId)}/consents/${seg(id)}/expiry-event`, { confirm: true }),
  resolveTakedown: (orgId: string, itemId: string) =>
    api.post<{ ok: true }>(`${org(orgId)}/takedowns/${seg(itemId)}/resolve`, { confirm: true }),
  template: (orgId: string, signal?: AbortSignal) =>
    api.get<ConsentTemplate>(`${org(orgId)}/consent-template`, signal),
  saveTemplate: (orgId: string, input: { title: string; sections: TemplateSection[] }) =>
    api.post<ConsentTemplate>(`${org(orgId)}/consent-template`, input),
  document: (orgId: string, id: string, documentId: string) =>
    download(`${org(orgId)}/consents/${seg(id)}/documents/${seg(documentId)}`),
  exportZip: (orgId: string, filters: { query?: string; status?: ConsentStatus }) =>
    download(`${org(orgId)}/consents/export${listQuery(filters)}`),
  linkPost: (orgId: string, postId: string, authorizationId: string) =>
    api.post<{ ok: true }>(`${org(orgId)}/posts/${seg(postId)}/authorizations`, {
      authorizationId,
    }),
  mediaTags: (orgId: string, mediaId: string, signal?: AbortSignal) =>
    api.get<{ tags: MediaTag[] }>(`${org(orgId)}/media/${seg(mediaId)}/authorizations`, signal),
  tagMedia: (orgId: string, mediaId: string, authorizationId: string) =>
    api.post<{ ok: true }>(`${org(orgId)}/media/${seg(mediaId)}/authorizations`, {
      authorizationId,
    }),
  untagMedia: (orgId: string, mediaId: string, authorizationId: string) =>
    api.post<{ ok: true }>(
      `${org(orgId)}/media/${seg(mediaId)}/authorizations/${seg(authorizationId)}/untag`,
    ),
  coverage: (orgId: string, postId: string, signal?: AbortSignal) =>
    api.get<{
      gap: CoverageGap | null;
      linked: { id: string; patientName: string; status: string }[];
      /** Guard finding categories a linked authorization allows (e.g. the patient's name). */
      covered: string[];
    }>(`${org(orgId)}/posts/${seg(postId)}/coverage`, signal),
  signingForm: (token: string, signal?: AbortSignal) =>
    api.get<SigningForm>(`/api/public/signing/${seg(token)}`, signal),
  sign: (token: string, input: SignInput) =>
    api.post<{ authorizationId: string; sha256: string; copyEmailed: boolean }>(
      `/api/public/signing/${seg(token)}`,
      input,
    ),
  revocation: (token: string, signal?: AbortSignal) =>
    api.get<RevocationView>(`/api/public/revocation/${seg(token)}`, signal),
  revokeByPatient: (token: string) =>
    api.post<RevocationView>(`/api/public/revocation/${seg(token)}`, { confirm: true }),
};
