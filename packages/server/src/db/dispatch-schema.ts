import type { ColumnType, Selectable } from 'kysely';
import type { ChannelNetwork } from './schema.js';

/** The dispatch tables (migration 20261128020000-dispatch). Timestamps are ISO-8601 UTC strings. */
export interface DispatchTables {
  postTargets: PostTargetTable;
  queueSlots: QueueSlotTable;
  recurrenceRules: RecurrenceRuleTable;
  dispatchRateLimits: DispatchRateLimitTable;
}

/**
 * Where one target stands. `paused`: its channel needs reconnecting; `removal_needed`: deletion
 * was asked for but the network's API cannot delete (the person removes it by hand).
 */
export type PostTargetStatus =
  | 'queued'
  | 'publishing'
  | 'published'
  | 'failed'
  | 'unconfirmed'
  | 'canceled'
  | 'paused'
  | 'deleted'
  | 'removal_needed';

/** One post variant on one channel at one occurrence: what a worker claims and publishes once. */
export interface PostTargetTable {
  id: string;
  orgId: string;
  postId: string;
  variantId: string;
  channelId: string;
  network: ChannelNetwork;
  /** 0 for a one-off post; 0..n-1 for the occurrences of a recurrence. */
  occurrence: number;
  recurrenceId: string | null;
  /** The UTC instant to publish at; `timeZone` is the location's IANA zone it was chosen in. */
  dueAt: string;
  timeZone: string;
  status: PostTargetStatus;
  /** Sent to the network (Mastodon's Idempotency-Key); unique per target. */
  idempotencyKey: string;
  attempts: number;
  nextAttemptAt: string;
  /** The worker holding the claim and until when; both null when no one holds it. */
  leaseOwner: string | null;
  leaseUntil: string | null;
  /** When the current claim was taken: the sweeper looks for the post since then. */
  claimedAt: string | null;
  /** When the first publish call whose outcome is unknown started: `findRecent` looks for the post since then. */
  publishStartedAt: string | null;
  remoteId: string | null;
  remoteUrl: string | null;
  publishedAt: string | null;
  lastErrorKind: string | null;
  /** Plain words: what went wrong, and what to do about it. Never a token or the post text. */
  lastErrorMessage: string | null;
  lastErrorFix: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A weekly publishing time of a channel, in its location's time zone ('HH:MM', weekday 0 = Sunday). */
export interface QueueSlotTable {
  id: string;
  orgId: string;
  channelId: string;
  weekday: number;
  localTime: string;
  createdAt: string;
}

/** How a recurring post repeats; its occurrences are expanded into targets when it is scheduled. */
export interface RecurrenceRuleTable {
  id: string;
  orgId: string;
  postId: string;
  frequency: 'daily' | 'weekly' | 'monthly';
  interval: number;
  count: number;
  timeZone: string;
  /** The first occurrence's wall-clock time, 'YYYY-MM-DDTHH:MM', in `timeZone`. */
  localStart: string;
  createdAt: string;
}

/**
 * A network's "slow down", shared by every worker: `channel:<id>` or `app:<network>:<host>`; and
 * a fixed per-app cap's current window, `cap:<network>[:<host>]` (migration 20261128074000).
 */
export interface DispatchRateLimitTable {
  key: string;
  blockedUntil: string;
  updatedAt: string;
  windowStart: string | null;
  windowCount: ColumnType<number, number | undefined, number>;
  /** What the last take from the window granted (migration 20261128074100). */
  windowGranted: ColumnType<number, number | undefined, number>;
}

export type PostTargetRow = Selectable<PostTargetTable>;
