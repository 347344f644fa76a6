import { api, uploadFile } from './client';

/** Provider profiles, imports, approvals and the public page: the server's providers routes. */
const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;
const seg = encodeURIComponent;

export interface Taxonomy {
  code: string;
  primary: boolean;
}
export interface Licence {
  state: string;
  number: string;
  expiresOn: string | null;
}
export interface BoardCertification {
  board: string;
  specialty: string;
  year: number | null;
  expiresOn: string | null;
}
export interface Education {
  kind: 'degree' | 'residency' | 'fellowship' | 'internship' | 'other';
  institution: string;
  year: number | null;
}

export interface ProviderPhoto {
  mediaId: string;
  width: number;
  height: number;
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp';
}

export interface ProfileFields {
  firstName: string;
  lastName: string;
  credentials: string;
  npi: string | null;
  taxonomies: Taxonomy[];
  licences: Licence[];
  boardCertifications: BoardCertification[];
  education: Education[];
  affiliations: string[];
  languages: string[];
  acceptingNewPatients: boolean;
  telehealth: boolean;
  /** Set by the photo upload; the edit form can only remove it. */
  photo: ProviderPhoto | null;
  photoAlt: string;
  bio: string;
  locationIds: string[];
}

export interface Provider extends ProfileFields {
  id: string;
  userId: string | null;
  slug: string;
  displayName: string;
  /** NUCC names of the taxonomies, in order. */
  specialties: string[];
  published: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface FieldChange {
  field: keyof ProfileFields;
  before: unknown;
  after: unknown;
}

export interface ProviderChange {
  id: string;
  providerId: string;
  providerName: string;
  source: string;
  status: 'pending' | 'approved' | 'rejected';
  createdAt: string;
  decidedAt: string | null;
  mine: boolean;
  fields: FieldChange[];
}

export type ChangeOutcome =
  | { status: 'applied'; fields: FieldChange[] }
  | { status: 'pending'; changeId: string; fields: FieldChange[] }
  | { status: 'unchanged'; fields: [] };

export interface NppesRow {
  line: number;
  npi: string;
  name: string;
  providerId: string | null;
  action: 'create' | 'update' | 'unchanged' | 'deactivated';
  fields: FieldChange[];
  outcome?: 'applied' | 'pending' | 'created' | 'skipped';
}
export interface NppesImport {
  applied: boolean;
  rows: NppesRow[];
  ignored: number;
  missing: string[];
}

export interface Publication {
  publicationId: string;
  providerId: string;
  pmid: string;
  status: 'suggested' | 'confirmed' | 'rejected';
  citation: string;
  title: string;
  year: string | null;
  doi: string | null;
}

export interface PublicPageSettings {
  slug: string;
  url: string;
  published: boolean;
  appointmentUrl: string | null;
  showRatings: boolean;
  description: string;
}

export type ProfileEvent =
  | { kind: 'provider' }
  | { kind: 'certification'; index: number }
  | { kind: 'publication'; publicationId: string };

export const directories = [
  'google',
  'healthgrades',
  'vitals',
  'zocdoc',
  'webmd',
  'yelp',
  'facebook',
  'bing',
  'apple_maps',
  'other',
] as const;
export type Directory = (typeof directories)[number];

export interface ListingInput {
  providerId: string | null;
  locationId: string;
  directory: Directory;
  url: string | null;
  name: string;
  address: string;
  phone: string;
}
export interface Listing extends ListingInput {
  id: string;
  seenAt: string;
  master: { name: string; address: string; phone: string };
  mismatches: { field: 'name' | 'address' | 'phone'; listed: string; master: string }[];
}

export const listingImportFields = [
  'directory',
  'name',
  'address',
  'phone',
  'url',
  'npi',
  'location',
] as const;
export type ListingImportField = (typeof listingImportFields)[number];
export type ListingMapping = Partial<Record<ListingImportField, string>>;

export interface ListingImportReport {
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rows: {
    line: number;
    directory: Directory;
    providerId: string | null;
    subject: string;
    locationId: string;
    locationName: string;
    action: 'create' | 'update' | 'unchanged';
    mismatches: Listing['mismatches'];
  }[];
}

/** What the edit form may send: everything but a new photo (that comes through the upload). */
export type ProfileEdit = Partial<Omit<ProfileFields, 'photo'>> & { photo?: null };

export const providerEndpoints = {
  uploadPhoto: (orgId: string, photo: { providerId: string; file: File; altText: string }) =>
    uploadFile<ChangeOutcome & { photo: ProviderPhoto }>(
      `${org(orgId)}/providers/${seg(photo.providerId)}/photo?altText=${seg(photo.altText)}`,
      photo.file,
    ),
  previewListingImport: (orgId: string, sample: string) =>
    api.post<{ columns: string[]; rows: Record<string, string>[]; suggested: ListingMapping }>(
      `${org(orgId)}/listings/import/preview`,
      { sample },
    ),
  importListings: (
    orgId: string,
    input: { csv: string; mapping: ListingMapping; apply: boolean },
  ) => api.post<ListingImportReport>(`${org(orgId)}/listings/import`, input),
  listings: (orgId: string, signal?: AbortSignal) =>
    api.get<{ listings: Listing[] }>(`${org(orgId)}/listings`, signal),
  addListing: (orgId: string, input: ListingInput) =>
    api.post<Listing>(`${org(orgId)}/listings`, input),
  deleteListing: (orgId: string, listingId: string) =>
    api.delete(`${org(orgId)}/listings/${seg(listingId)}`),
  list: (orgId: string, signal?: AbortSignal) =>
    api.get<{ providers: Provider[] }>(`${org(orgId)}/providers`, signal),
  update: (orgId: string, providerId: string, changes: ProfileEdit) =>
    api.patch<ChangeOutcome>(`${org(orgId)}/providers/${seg(providerId)}`, changes),
  changes: (orgId: string, signal?: AbortSignal) =>
    api.get<{ changes: ProviderChange[] }>(`${org(orgId)}/provider-changes`, signal),
  decide: (orgId: string, changeId: string, approve: boolean) =>
    api.post<{ status: string }>(`${org(orgId)}/provider-changes/${seg(changeId)}/decision`, {
      approve,
    }),
  importNppes: (orgId: string, input: { csv: string; addNpis: string[]; apply: boolean }) =>
    api.post<NppesImport>(`${org(orgId)}/providers/import/nppes`, input),
  importPubmed: (orgId: string, input: { xml: string; pmids: string[] }) =>
    api.post<{ imported: number; alreadyKnown: number; suggestions: number }>(
      `${org(orgId)}/providers/import/pubmed`,
      input,
    ),
  publications: (orgId: string, providerId: string, signal?: AbortSignal) =>
    api.get<{ publications: Publication[] }>(
      `${org(orgId)}/providers/${seg(providerId)}/publications`,
      signal,
    ),
  decidePublication: (
    orgId: string,
    ids: { providerId: string; publicationId: string },
    confirm: boolean,
  ) =>
    api.post<{ status: string }>(
      `${org(orgId)}/providers/${seg(ids.providerId)}/publications/${seg(ids.publicationId)}/decision`,
      { confirm },
    ),
  share: (orgId: string, providerId: string, event: ProfileEvent) =>
    api.post<{ postId: string; text: string }>(`${org(orgId)}/providers/${seg(providerId)}/share`, {
      event,
    }),
  publicPage: (orgId: string, signal?: AbortSignal) =>
    api.get<PublicPageSettings>(`${org(orgId)}/public-page`, signal),
  updatePublicPage: (orgId: string, input: Partial<Omit<PublicPageSettings, 'url'>>) =>
    api.patch<PublicPageSettings>(`${org(orgId)}/public-page`, input),
};
