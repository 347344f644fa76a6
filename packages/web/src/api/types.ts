/** Shapes of the HTTP API as the web app reads them. Ids are strings; times are ISO-8601. */

export type Role =
  'owner' | 'admin' | 'marketer' | 'compliance_officer' | 'clinician' | 'front_desk' | 'viewer';

export type OrganizationKind = 'practice' | 'agency';

export interface User {
  id: string;
  name: string;
  email: string;
  totpEnabled: boolean;
}

export interface Membership {
  orgId: string;
  orgName: string;
  role: Role;
}

export interface Session {
  user: User;
  memberships: Membership[];
  idleTimeoutMinutes: number;
  /** The organization requires two-factor authentication and this user has not set it up. */
  totpSetupRequired: boolean;
}

export interface SetupStatus {
  needsSetup: boolean;
  /** Folder the server writes mails to when no SMTP server is configured. */
  mailOutbox: string | null;
}

export interface Organization {
  id: string;
  name: string;
  kind: OrganizationKind;
  requireTotp: boolean;
  idleTimeoutMinutes: number;
}

export interface LocationInput {
  name: string;
  address: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
  fax?: string;
  timeZone: string;
}

export interface Location extends Omit<LocationInput, 'fax'> {
  id: string;
  fax: string | null;
  archived: boolean;
}

export type ChannelNetwork =
  'mastodon' | 'bluesky' | 'facebook' | 'instagram' | 'linkedin' | 'x' | 'gbp';
export type ChannelStatus = 'connected' | 'reconnect_needed' | 'disconnected';

/** A connected social account of one location; the API never sends its credentials. */
export interface Channel {
  id: string;
  locationId: string;
  network: ChannelNetwork;
  handle: string;
  displayName: string;
  serviceUrl: string;
  status: ChannelStatus;
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
  lastValidatedAt: string | null;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  totpEnabled: boolean;
  joinedAt: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
}

export interface InvitationPreview {
  email: string;
  orgName: string;
  role: Role;
}

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEvent {
  id: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  outcome: AuditOutcome;
  details: unknown;
}

export interface AuditPage {
  events: AuditEvent[];
  nextCursor: string | null;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  /** A data: URL of a PNG QR code. */
  qrDataUrl: string;
}
