import { countCharacters } from '@bedside/guard';
import type { DbOrTx } from '../../db/database.js';
import type {
  ChannelNetwork,
  GuardVerdictValue,
  MediaAssetRow,
  PostCommentKind,
  PostStatus,
  Role,
} from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { approvalState, type ApprovalState } from './approval-rules.js';
import { getPublishingSettings } from './publishing-settings.js';
import { channelLimit, limitOptions } from './variant-text.js';

export interface VariantView {
  id: string;
  channelId: string;
  network: ChannelNetwork;
  handle: string;
  text: string;
  publishText: string;
  /** Length of `publishText` by the network's own rule, and the channel's limit. */
  count: number;
  limit: number;
}

export interface MediaView {
  id: string;
  mimeType: MediaAssetRow['mimeType'];
  width: number;
  height: number;
  byteSize: number;
  altText: string;
}

export interface CommentView {
  id: string;
  variantId: string | null;
  authorId: string;
  authorName: string;
  kind: PostCommentKind;
  body: string;
  anchorStart: number | null;
  anchorEnd: number | null;
  quote: string | null;
  postVersion: number;
  resolved: boolean;
  createdAt: string;
}

export interface ApprovalView {
  userId: string;
  userName: string;
  role: Role;
  createdAt: string;
}

export interface PostView {
  id: string;
  locationId: string;
  authorId: string;
  authorName: string;
  lastEditedBy: string;
  status: PostStatus;
  baseText: string;
  campaign: string;
  patientStory: boolean;
  guardVerdict: GuardVerdictValue | null;
  overrideJustification: string | null;
  scheduledAt: string | null;
  timeZone: string | null;
  version: number;
  submittedAt: string | null;
  approvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  variants: VariantView[];
  media: MediaView[];
  /** Approvals of the current version. */
  approvals: ApprovalView[];
  /** Who still has to approve the current version. */
  approval: ApprovalState;
  comments: CommentView[];
}

/** One post of the organization with everything the composer and the reviewer show; 404 otherwise. */
export async function getPost(
  db: DbOrTx,
  options: { orgId: string; postId: string },
): Promise<PostView> {
  const { orgId, postId } = options;
  const post = await db
    .selectFrom('posts')
    .innerJoin('users', 'users.id', 'posts.authorId')
    .selectAll('posts')
    .select('users.name as authorName')
    .where('posts.orgId', '=', orgId)
    .where('posts.id', '=', postId)
    .executeTakeFirst();
  if (!post) throw notFound('The post');
  const variants = await db
    .selectFrom('postVariants')
    .innerJoin('channels', 'channels.id', 'postVariants.channelId')
    .select([
      'postVariants.id',
      'postVariants.channelId',
      'postVariants.network',
      'postVariants.text',
      'postVariants.publishText',
      'channels.handle',
      'channels.maxCharacters',
    ])
    .where('postVariants.orgId', '=', orgId)
    .where('postVariants.postId', '=', postId)
    .where('postVariants.removedAt', 'is', null)
    .orderBy('channels.createdAt')
    .orderBy('channels.network')
    .orderBy('channels.handle')
    .execute();
  const media = await db
    .selectFrom('postMedia')
    .innerJoin('mediaAssets', 'mediaAssets.id', 'postMedia.mediaId')
    .select([
      'mediaAssets.id',
      'mediaAssets.mimeType',
      'mediaAssets.width',
      'mediaAssets.height',
      'mediaAssets.byteSize',
      'mediaAssets.altText',
    ])
    .where('postMedia.orgId', '=', orgId)
    .where('postMedia.postId', '=', postId)
    .orderBy('postMedia.position')
    .execute();
  const approvals = await db
    .selectFrom('postApprovals')
    .innerJoin('users', 'users.id', 'postApprovals.userId')
    .select([
      'postApprovals.userId',
      'users.name as userName',
      'postApprovals.role',
      'postApprovals.createdAt',
    ])
    .where('postApprovals.orgId', '=', orgId)
    .where('postApprovals.postId', '=', postId)
    .where('postApprovals.postVersion', '=', post.version)
    .orderBy('postApprovals.createdAt')
    .execute();
  const comments = await db
    .selectFrom('postComments')
    .innerJoin('users', 'users.id', 'postComments.authorId')
    .selectAll('postComments')
    .select('users.name as authorName')
    .where('postComments.orgId', '=', orgId)
    .where('postComments.postId', '=', postId)
    .orderBy('postComments.createdAt')
    .orderBy('postComments.id')
    .execute();
  const settings = await getPublishingSettings(db, orgId);
  return {
    id: post.id,
    locationId: post.locationId,
    authorId: post.authorId,
    authorName: post.authorName,
    lastEditedBy: post.lastEditedBy,
    status: post.status,
    baseText: post.baseText,
    campaign: post.campaign,
    patientStory: post.patientStory === 1,
    guardVerdict: post.guardVerdict,
    overrideJustification: post.overrideJustification,
    scheduledAt: post.scheduledAt,
    timeZone: post.timeZone,
    version: post.version,
    submittedAt: post.submittedAt,
    approvedAt: post.approvedAt,
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
    variants: variants.map((v) => {
      const channel = {
        id: v.channelId,
        network: v.network,
        handle: v.handle,
        maxCharacters: v.maxCharacters,
      };
      return {
        id: v.id,
        channelId: v.channelId,
        network: v.network,
        handle: v.handle,
        text: v.text,
        publishText: v.publishText,
        count: countCharacters(v.publishText, v.network, limitOptions(channel)),
        limit: channelLimit(channel),
      };
    }),
    media,
    approvals,
    approval: approvalState(settings, { verdict: post.guardVerdict, approvals }),
    comments: comments.map((c) => ({
      id: c.id,
      variantId: c.variantId,
      authorId: c.authorId,
      authorName: c.authorName,
      kind: c.kind,
      body: c.body,
      anchorStart: c.anchorStart,
      anchorEnd: c.anchorEnd,
      quote: c.quote,
      postVersion: c.postVersion,
      resolved: c.resolved === 1,
      createdAt: c.createdAt,
    })),
  };
}
