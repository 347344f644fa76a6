import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ConsentTables } from './consents-schema.js';
import type { ReputationTables } from './reputation-schema.js';
import type { DispatchTables } from './dispatch-schema.js';

/**
 * Table shapes as Kysely sees them (camelCase; the CamelCasePlugin maps to snake_case columns).
 * Timestamps are ISO-8601 UTC strings on both dialects; flags are 0/1 integers so SQLite and
 * PostgreSQL bind them the same way. Every tenant-owned table carries `orgId`.
 */
export interface Database extends ReputationTables, ConsentTables, DispatchTables {
  organizations: OrganizationTable;
  locations: LocationTable;
  users: UserTable;
  memberships: MembershipTable;
  invitations: InvitationTable;
  sessions: SessionTable;
  passwordResets: PasswordResetTable;
  auditEvents: AuditEventTable;
  auditChainHeads: AuditChainHeadTable;
  jobs: JobTable;
  cronSlots: CronSlotTable;
  channels: ChannelTable;
  oauthApps: OAuthAppTable;
  oauthStates: OAuthStateTable;
  notifications: NotificationTable;
  oauthPendingAccounts: OAuthPendingAccountTable;
  posts: PostTable;
  postVariants: PostVariantTable;
  mediaAssets: MediaAssetTable;
  postMedia: PostMediaTable;
  postComments: PostCommentTable;
  postApprovals: PostApprovalTable;
  publishingSettings: PublishingSettingsTable;
}

export interface OrganizationTable {
  id: string;
  name: string;
  kind: 'practice' | 'agency';
  requireTotp: number;
  idleTimeoutMinutes: number;
  createdAt: string;
  updatedAt: string;
}

export interface LocationTable {
  id: string;
  orgId: string;
  name: string;
  address: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
  fax: string | null;
  timeZone: string;
  archived: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  /** AES-256-GCM sealed TOTP secret; null until 2FA setup begins. */
  totpSecretSealed: string | null;
  totpEnabled: number;
  /** The last accepted TOTP time step: a code is never accepted twice. */
  totpLastStep: number;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export type Role =
  'owner' | 'admin' | 'marketer' | 'compliance_officer' | 'clinician' | 'front_desk' | 'viewer';

export interface MembershipTable {
  orgId: string;
  userId: string;
  role: Role;
  createdAt: string;
}

export interface InvitationTable {
  id: string;
  orgId: string;
  email: string;
  role: Role;
  tokenHash: string;
  status: 'pending' | 'accepted' | 'revoked';
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a database leak does not leak sessions. */
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface PasswordResetTable {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface AuditEventTable {
  id: string;
  orgId: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  outcome: 'success' | 'failure' | 'denied';
  /** JSON object; never PHI. */
  details: string;
  prevHash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  orgId: string;
  lastSeq: number;
  lastHash: string;
}

export interface JobTable {
  id: string;
  name: string;
  payload: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lockedUntil: string | null;
  lastError: string | null;
  singletonKey: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CronSlotTable {
  name: string;
  slot: string;
  createdAt: string;
}

export type ChannelNetwork =
  'mastodon' | 'bluesky' | 'facebook' | 'instagram' | 'linkedin' | 'x' | 'gbp';
export type ChannelStatus = 'connected' | 'reconnect_needed' | 'disconnected';

/** A connected social account of one location. `credentialsSealed` is SecretBox output, never plain. */
export interface ChannelTable {
  id: string;
  orgId: string;
  locationId: string;
  network: ChannelNetwork;
  /** The network's stable account id (Mastodon account id, Bluesky DID). */
  accountId: string;
  handle: string;
  displayName: string;
  /** The Mastodon instance or the Bluesky PDS. */
  serviceUrl: string;
  credentialsSealed: string;
  status: ChannelStatus;
  statusReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  lastValidatedAt: string | null;
  /** Mastodon: the instance's own text limit when known; null means the network's default. */
  maxCharacters: ColumnType<number | null, number | null | undefined, number | null>;
}

/** The OAuth app Bedside registered on one instance for one organization; `appSealed` holds the client secret. */
export interface OAuthAppTable {
  id: string;
  orgId: string;
  network: ChannelNetwork;
  instanceUrl: string;
  redirectUri: string;
  appSealed: string;
  createdAt: string;
}

/** A pending OAuth round trip, keyed by the SHA-256 of its `state`; used once. */
export interface OAuthStateTable {
  stateHash: string;
  orgId: string;
  locationId: string;
  userId: string;
  network: ChannelNetwork;
  instanceUrl: string;
  codeVerifierSealed: string | null;
  createdAt: string;
  expiresAt: string;
}

/**
 * Accounts an OAuth login opened (Facebook Pages, LinkedIn organizations, Google locations) while
 * the person chooses one; `accountsSealed` is SecretBox output holding their tokens. Used once.
 */
export interface OAuthPendingAccountTable {
  id: string;
  orgId: string;
  locationId: string;
  userId: string;
  network: ChannelNetwork;
  accountsSealed: string;
  createdAt: string;
  expiresAt: string;
}

export type PostStatus =
  | 'draft'
  | 'in_review'
  | 'approved'
  | 'scheduled'
  | 'publishing'
  | 'published'
  | 'partially_published'
  | 'failed'
  | 'unconfirmed'
  | 'rejected';
export type GuardVerdictValue = 'pass' | 'review' | 'block';

/** One post: a base text, one variant per channel of its location, and its review state. */
export interface PostTable {
  id: string;
  orgId: string;
  locationId: string;
  authorId: string;
  /** Who saved the current version; like the author, they cannot approve it. */
  lastEditedBy: string;
  status: PostStatus;
  baseText: string;
  /** utm_campaign for the post's first-party links (a slug). */
  campaign: string;
  /** The author says it tells a patient's story: publishing then needs a HIPAA authorization. */
  patientStory: number;
  /** The guard's verdict over all variants when last submitted; null for an unsubmitted draft. */
  guardVerdict: GuardVerdictValue | null;
  /** Why the author published despite the guard's warnings; null when there were none. */
  overrideJustification: string | null;
  scheduledAt: string | null;
  timeZone: string | null;
  /** Increases on every edit; approvals count only for the version they saw. */
  version: number;
  submittedAt: string | null;
  approvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The text one channel gets. `publishText` is `text` with first-party UTM parameters added. */
export interface PostVariantTable {
  id: string;
  postId: string;
  orgId: string;
  channelId: string;
  network: ChannelNetwork;
  text: string;
  publishText: string;
  createdAt: string;
  updatedAt: string;
  /** Set when the channel was taken off the post after targets were made for it; such rows are history. */
  removedAt: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An uploaded image, re-encoded without metadata; `storageKey` names it in the MediaStore. */
export interface MediaAssetTable {
  id: string;
  orgId: string;
  uploadedBy: string;
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
  byteSize: number;
  sha256: string;
  storageKey: string;
  altText: string;
  createdAt: string;
}

export interface PostMediaTable {
  postId: string;
  mediaId: string;
  orgId: string;
  position: number;
}

export type PostCommentKind = 'comment' | 'changes_requested' | 'rejected';

/** A reviewer's note; anchored to `[anchorStart, anchorEnd)` of a variant's text when `variantId` is set. */
export interface PostCommentTable {
  id: string;
  orgId: string;
  postId: string;
  variantId: string | null;
  authorId: string;
  kind: PostCommentKind;
  body: string;
  anchorStart: number | null;
  anchorEnd: number | null;
  /** The anchored text as it was when commented on. */
  quote: string | null;
  postVersion: number;
  resolved: number;
  createdAt: string;
}

export interface PostApprovalTable {
  id: string;
  orgId: string;
  postId: string;
  postVersion: number;
  userId: string;
  role: Role;
  createdAt: string;
}

/** Per organization; a missing row means the defaults (see domain/posts/publishing-settings.ts). */
export interface PublishingSettingsTable {
  orgId: string;
  /** JSON array of roles: one approval from each is needed. Empty: any one approver. */
  approverRoles: string;
  /** 0/1: the compliance officer must approve anything the guard warned about. */
  complianceOnWarning: number;
  /** JSON array of the practice's own website domains: only links there get UTM parameters. */
  websiteDomains: string;
  utmEnabled: number;
  updatedBy: string | null;
  updatedAt: string;
}

export type PostRow = Selectable<PostTable>;
export type PostVariantRow = Selectable<PostVariantTable>;
export type MediaAssetRow = Selectable<MediaAssetTable>;

export type ChannelRow = Selectable<ChannelTable>;
export type OrganizationRow = Selectable<OrganizationTable>;
export type LocationRow = Selectable<LocationTable>;
export type UserRow = Selectable<UserTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type NewAuditEvent = Insertable<AuditEventTable>;
export type { Generated };

export type NotificationEmailStatus = 'none' | 'pending' | 'sending' | 'sent' | 'failed';

/** One in-app notification for one person; also the outbox row for its email copy. */
export interface NotificationTable {
  id: string;
  orgId: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  emailStatus: NotificationEmailStatus;
  emailAttempts: Generated<number>;
  emailClaimedAt: string | null;
  createdAt: string;
  readAt: string | null;
}

// The providers area's tables live beside this file; declaration merging adds them here.
import type { ProviderTables } from './providers-schema.js';
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database extends ProviderTables {}
export type { PostTargetRow, PostTargetStatus } from './dispatch-schema.js';
