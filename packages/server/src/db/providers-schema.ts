import type { Selectable } from 'kysely';

/**
 * The providers area's tables (issue 7). `profile` and `changes` and `authors` are JSON text,
 * parsed and validated by domain/providers on every read and write.
 */
export interface ProviderTables {
  providers: ProviderTable;
  providerLicences: ProviderLicenceTable;
  providerChanges: ProviderChangeTable;
  publications: PublicationTable;
  providerPublications: ProviderPublicationTable;
  providerListings: ProviderListingTable;
  practicePages: PracticePageTable;
}

export interface ProviderTable {
  id: string;
  orgId: string;
  /** The clinician's own account: they approve changes others make. Null when none is linked. */
  userId: string | null;
  slug: string;
  npi: string | null;
  firstName: string;
  lastName: string;
  credentials: string;
  profile: string;
  published: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ProviderLicenceTable {
  id: string;
  orgId: string;
  providerId: string;
  state: string;
  number: string;
  /** YYYY-MM-DD or null when unknown (NPPES does not carry expiry). */
  expiresOn: string | null;
  /** The `expiresOn` a reminder was sent for: a renewed licence is reminded again. */
  remindedFor: string | null;
}

export type ProviderChangeStatus = 'pending' | 'approved' | 'rejected';

export interface ProviderChangeTable {
  id: string;
  orgId: string;
  providerId: string;
  proposedBy: string;
  /** 'edit' or 'nppes' — where the proposal came from. */
  source: string;
  changes: string;
  status: ProviderChangeStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface PublicationTable {
  id: string;
  orgId: string;
  pmid: string;
  title: string;
  journal: string;
  year: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  authors: string;
  createdAt: string;
}

export type ProviderPublicationStatus = 'suggested' | 'confirmed' | 'rejected';

export interface ProviderPublicationTable {
  orgId: string;
  providerId: string;
  publicationId: string;
  status: ProviderPublicationStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface ProviderListingTable {
  id: string;
  orgId: string;
  /** Null for the practice's own listing at this location. */
  providerId: string | null;
  locationId: string;
  directory: string;
  url: string | null;
  name: string;
  address: string;
  phone: string;
  seenAt: string;
  createdAt: string;
}

export interface PracticePageTable {
  orgId: string;
  slug: string;
  published: number;
  appointmentUrl: string | null;
  showRatings: number;
  description: string;
  /** Bumped in the transaction of every change a public page shows: the page cache key. */
  cacheVersion: number;
  updatedAt: string;
}

export type ProviderRow = Selectable<ProviderTable>;
export type PublicationRow = Selectable<PublicationTable>;
export type ProviderListingRow = Selectable<ProviderListingTable>;
export type PracticePageRow = Selectable<PracticePageTable>;
