import type { Selectable } from 'kysely';

/**
 * Reputation tables (migration 20261128050000-reputation). Kept beside schema.ts so the shared file
 * only lists them. JSON columns hold text; timestamps are ISO strings; flags are 0/1.
 */

/** Where an item comes from: a network with an API, or a review site that only imports. */
export type ReputationSourceName =
  | 'bluesky'
  | 'mastodon'
  | 'google'
  | 'facebook'
  | 'instagram'
  | 'linkedin'
  | 'x'
  | 'healthgrades'
  | 'vitals'
  | 'zocdoc'
  | 'yelp'
  | 'ratemds'
  | 'webmd'
  | 'other';

/** How a source delivers: polled through a connector, pushed by webhook, or imported by hand. */
export type ReputationSourceMode = 'poll' | 'webhook' | 'import';
export type ReputationSourceStatus = 'ok' | 'backing_off' | 'failing' | 'paused';
export type ReputationItemKind = 'review' | 'comment' | 'mention';
export type SentimentLabel = 'positive' | 'neutral' | 'negative' | 'mixed';
export type Urgency = 'none' | 'high' | 'critical';
export type ReputationItemStatus = 'new' | 'assigned' | 'replied' | 'closed';
export type ReplyStatus =
  | 'draft'
  | 'pending_approval'
  | 'approved'
  | 'sending'
  | 'sent'
  | 'posted_by_hand'
  | 'failed'
  | 'rejected';
/** Which new items alert someone: every item, negative or urgent ones, urgent ones only, or none. */
export type AlertLevel = 'all' | 'negative' | 'urgent' | 'none';

export interface ReputationSettingsTable {
  orgId: string;
  requireReplyApproval: number;
  slaNegativeHours: number;
  slaOtherHours: number | null;
  digestHourUtc: number;
  updatedAt: string;
}

export interface ReputationSourceTable {
  id: string;
  orgId: string;
  locationId: string | null;
  /** The channel (connected account) a polled source reads through. */
  channelId: string | null;
  source: ReputationSourceName;
  mode: ReputationSourceMode;
  name: string;
  /** SecretBox output (e.g. a Meta app secret); null when the source needs none. */
  configSealed: string | null;
  /** Opaque per-source position: the connector decides what it means. */
  cursor: string | null;
  enabled: number;
  status: ReputationSourceStatus;
  consecutiveFailures: number;
  lastErrorKind: string | null;
  /** A scrubbed, PHI-free message. */
  lastErrorMessage: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReputationItemTable {
  id: string;
  orgId: string;
  sourceRefId: string | null;
  source: ReputationSourceName;
  /** The source's own id; (orgId, source, externalId) is unique. */
  externalId: string;
  kind: ReputationItemKind;
  parentExternalId: string | null;
  threadExternalId: string | null;
  url: string | null;
  authorName: string | null;
  authorHandle: string | null;
  text: string;
  /** 1–5 stars, null where the source has none. */
  rating: number | null;
  locationId: string | null;
  providerId: string | null;
  publishedAt: string | null;
  receivedAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  contentHash: string;
  version: number;
  sentimentScore: number | null;
  sentimentLabel: SentimentLabel | null;
  /** JSON array of topic ids. */
  topics: string;
  urgency: Urgency;
  /** JSON array of reasons (e.g. "legal_threat"). */
  urgencyReasons: string;
  /** 1 when the guard found PHI in the inbound text. */
  phiFlag: number;
  /** JSON array of { rule, category, start, end, severity }: offsets only, never the text. */
  phiFindings: string;
  status: ReputationItemStatus;
  assigneeId: string | null;
  slaDueAt: string | null;
  firstResponseAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  replyPostedByHand: number;
  importId: string | null;
  /** Opaque to Bedside: what the source's `reply` needs (migration 20261128051000). */
  replyRef: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReputationItemTopicTable {
  itemId: string;
  orgId: string;
  topic: string;
  receivedAt: string;
  /** The item's, for the topic + sentiment index (migration 20261128075100). */
  sentimentLabel: SentimentLabel | null;
}

export interface ReputationItemVersionTable {
  id: string;
  orgId: string;
  itemId: string;
  version: number;
  text: string;
  rating: number | null;
  replacedAt: string;
}

export interface ReputationNoteTable {
  id: string;
  orgId: string;
  itemId: string;
  authorId: string;
  body: string;
  createdAt: string;
}

export interface ReputationReplyTable {
  id: string;
  orgId: string;
  itemId: string;
  authorId: string;
  text: string;
  templateId: string | null;
  status: ReplyStatus;
  guardVerdict: 'block' | 'review' | 'pass';
  approvedBy: string | null;
  approvedAt: string | null;
  sentAt: string | null;
  remoteId: string | null;
  remoteUrl: string | null;
  idempotencyKey: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReputationImportTable {
  id: string;
  orgId: string;
  source: ReputationSourceName;
  format: 'csv' | 'json' | 'eml';
  fileName: string | null;
  /** JSON object: field → column name. */
  mapping: string;
  rowsTotal: number;
  rowsCreated: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsSkipped: number;
  /** JSON array of { line, reason }: never the row's content. */
  problems: string;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface ReputationAlertPreferenceTable {
  orgId: string;
  userId: string;
  /** The wider of the two channel levels, and whether each channel is on (kept for readers of old). */
  level: AlertLevel;
  email: number;
  inApp: number;
  digest: number;
  /** Which items alert by email, and in the app (migration 20261128075200). */
  emailLevel: AlertLevel;
  inAppLevel: AlertLevel;
  updatedAt: string;
}

export interface ReputationWebhookTable {
  id: string;
  orgId: string;
  url: string;
  format: 'json' | 'slack';
  secretSealed: string;
  level: AlertLevel;
  enabled: number;
  lastStatus: string | null;
  lastDeliveryAt: string | null;
  createdBy: string;
  createdAt: string;
}

export interface ReputationAlertTable {
  id: string;
  orgId: string;
  itemId: string;
  channel: 'email' | 'webhook' | 'in_app';
  /** A user id or a webhook id. */
  target: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/**
 * The dashboard's rollups (migration 20261128075000): per organization, UTC day (the item's
 * published day, else received day), location, provider and source. Kept by the operations that
 * change items, in their transactions. '' stands for no location or provider (a key column).
 */
export interface ReputationRollupKey {
  orgId: string;
  /** YYYY-MM-DD. */
  day: string;
  locationId: string;
  providerId: string;
  source: string;
}

export interface ReputationRollupDailyTable extends ReputationRollupKey {
  items: number;
  rated: number;
  ratingSum: number;
  responded: number;
  positive: number;
  neutral: number;
  negative: number;
  mixed: number;
  urgent: number;
}

export interface ReputationRollupTopicTable extends ReputationRollupKey {
  topic: string;
  items: number;
  negative: number;
}

/** Responded items by their response time in whole minutes (whole hours past two days). */
export interface ReputationRollupResponseTable extends ReputationRollupKey {
  minutes: number;
  responses: number;
}

export interface ReputationTables {
  reputationRollupDaily: ReputationRollupDailyTable;
  reputationRollupTopics: ReputationRollupTopicTable;
  reputationRollupResponses: ReputationRollupResponseTable;
  reputationSettings: ReputationSettingsTable;
  reputationSources: ReputationSourceTable;
  reputationItems: ReputationItemTable;
  reputationItemTopics: ReputationItemTopicTable;
  reputationItemVersions: ReputationItemVersionTable;
  reputationNotes: ReputationNoteTable;
  reputationReplies: ReputationReplyTable;
  reputationImports: ReputationImportTable;
  reputationAlertPreferences: ReputationAlertPreferenceTable;
  reputationWebhooks: ReputationWebhookTable;
  reputationAlerts: ReputationAlertTable;
}

export type ReputationItemRow = Selectable<ReputationItemTable>;
export type ReputationSourceRow = Selectable<ReputationSourceTable>;
export type ReputationReplyRow = Selectable<ReputationReplyTable>;
