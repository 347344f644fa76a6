import type { DbOrTx } from '../../db/database.js';
import type { ChannelNetwork, GuardVerdictValue, PostStatus, Role } from '../../db/schema.js';
import { can } from '../policy/policy.js';
import { approvalState } from './approval-rules.js';
import { getPublishingSettings } from './publishing-settings.js';

export interface PostSummary {
  id: string;
  locationId: string;
  status: PostStatus;
  /** The first 140 characters of the base text. */
  excerpt: string;
  authorId: string;
  authorName: string;
  networks: ChannelNetwork[];
  guardVerdict: GuardVerdictValue | null;
  patientStory: boolean;
  version: number;
  submittedAt: string | null;
  scheduledAt: string | null;
  updatedAt: string;
  /** For the caller: this post waits for their approval (in review, not theirs, their role needed). */
  awaitingMe: boolean;
  missingRoles: Role[];
}

/** The organization's posts, newest first, optionally by status; 200 at most. */
export async function listPosts(
  db: DbOrTx,
  options: { orgId: string; viewer: { userId: string; role: Role }; statuses?: PostStatus[] },
): Promise<PostSummary[]> {
  const { orgId, viewer } = options;
  let query = db
    .selectFrom('posts')
    .innerJoin('users', 'users.id', 'posts.authorId')
    .selectAll('posts')
    .select('users.name as authorName')
    .where('posts.orgId', '=', orgId);
  if (options.statuses && options.statuses.length > 0)
    query = query.where('posts.status', 'in', options.statuses);
  const rows = await query
    .orderBy('posts.updatedAt', 'desc')
    .orderBy('posts.id')
    .limit(200)
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const variants = await db
    .selectFrom('postVariants')
    .select(['postId', 'network'])
    .where('orgId', '=', orgId)
    .where('postId', 'in', ids)
    .where('removedAt', 'is', null)
    .execute();
  const approvals = await db
    .selectFrom('postApprovals')
    .innerJoin('posts', (join) =>
      join
        .onRef('posts.id', '=', 'postApprovals.postId')
        .onRef('posts.version', '=', 'postApprovals.postVersion'),
    )
    .select(['postApprovals.postId', 'postApprovals.userId', 'postApprovals.role'])
    .where('postApprovals.orgId', '=', orgId)
    .where('postApprovals.postId', 'in', ids)
    .execute();
  const settings = await getPublishingSettings(db, orgId);
  return rows.map((r) => {
    const mine = approvals.filter((a) => a.postId === r.id);
    const state = approvalState(settings, { verdict: r.guardVerdict, approvals: mine });
    const roleNeeded = state.required.length === 0 ? true : state.missing.includes(viewer.role);
    const awaitingMe =
      r.status === 'in_review' &&
      r.authorId !== viewer.userId &&
      r.lastEditedBy !== viewer.userId &&
      !mine.some((a) => a.userId === viewer.userId) &&
      roleNeeded &&
      can(viewer.role, 'post.approve');
    return {
      id: r.id,
      locationId: r.locationId,
      status: r.status,
      excerpt: r.baseText.slice(0, 140),
      authorId: r.authorId,
      authorName: r.authorName,
      networks: [...new Set(variants.filter((v) => v.postId === r.id).map((v) => v.network))],
      guardVerdict: r.guardVerdict,
      patientStory: r.patientStory === 1,
      version: r.version,
      submittedAt: r.submittedAt,
      scheduledAt: r.scheduledAt,
      updatedAt: r.updatedAt,
      awaitingMe,
      missingRoles: state.missing,
    };
  });
}
