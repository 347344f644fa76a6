import type { DbOrTx } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import { can } from '../policy/policy.js';
import { consentCounts, inboxCounts, postCounts, publishingCounts } from './work-counts.js';
import { upcomingPosts, type UpcomingPosts } from './upcoming-posts.js';

/** Open reputation items, counted exactly as the inbox filters that the dashboard links to show them. */
export interface InboxWork {
  /** status = new (nobody picked them up). */
  new: number;
  /** status = assigned, assigned to the viewer. */
  assignedToMe: number;
  /** Past their SLA and not answered (the inbox's "Overdue only"). */
  overdue: number;
  /** urgency = high, status = new. */
  urgent: number;
  /** urgency = critical (emergency or self-harm language), status = new. */
  critical: number;
}

export interface PostWork {
  /** In review, waiting for the viewer's approval (as the Posts page's review queue counts them); null when they cannot approve. */
  awaitingMyReview: number | null;
  /** The viewer's own drafts; null when they cannot write posts. */
  myDrafts: number | null;
  /** Of those, the ones a reviewer sent back with changes requested (not edited since). */
  returnedToMe: number | null;
}

export interface PublishingWork {
  failed: number;
  unconfirmed: number;
  /** Paused because their channel needs reconnecting. */
  paused: number;
  /** Channels of the organization that need reconnecting; null when the viewer cannot reconnect them. */
  reconnectNeeded: number | null;
}

export interface ConsentWork {
  /** Requested, not signed yet. */
  awaitingSignature: number;
  /** Signed, expiring on a date within {@link EXPIRING_WITHIN_DAYS} days. */
  expiringSoon: number;
  expiringWithinDays: number;
}

/**
 * What needs the viewer today, as counts and links only (never a post's or review's text): each
 * section is null when the policy table does not let the viewer's role see or act on it.
 */
export interface WorkSummary {
  inbox: InboxWork | null;
  posts: PostWork | null;
  publishing: PublishingWork | null;
  consents: ConsentWork | null;
  upcoming: UpcomingPosts | null;
}

export const EXPIRING_WITHIN_DAYS = 30;
export const UPCOMING_DAYS = 7;

/** The dashboard's "What needs you" for one member: a few indexed counts per section they may see. */
export async function workSummary(
  db: DbOrTx,
  options: { orgId: string; viewer: { userId: string; role: Role }; now?: Date },
): Promise<WorkSummary> {
  const { orgId, viewer } = options;
  const now = options.now ?? new Date();
  const mayApprove = can(viewer.role, 'post.approve');
  const mayWrite = can(viewer.role, 'post.write');
  return {
    inbox: can(viewer.role, 'review.read')
      ? await inboxCounts(db, { orgId, userId: viewer.userId, now })
      : null,
    posts:
      mayApprove || mayWrite
        ? await postCounts(db, { orgId, viewer, approve: mayApprove, write: mayWrite })
        : null,
    // Shown to who can fix them: people who schedule posts (and reconnect channels).
    publishing: can(viewer.role, 'post.schedule')
      ? await publishingCounts(db, { orgId, channels: can(viewer.role, 'channel.connect') })
      : null,
    consents: can(viewer.role, 'consent.read')
      ? {
          ...(await consentCounts(db, { orgId, now, withinDays: EXPIRING_WITHIN_DAYS })),
          expiringWithinDays: EXPIRING_WITHIN_DAYS,
        }
      : null,
    upcoming: can(viewer.role, 'post.read')
      ? await upcomingPosts(db, { orgId, now, days: UPCOMING_DAYS })
      : null,
  };
}
