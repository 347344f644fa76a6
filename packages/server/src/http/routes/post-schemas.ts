import { z } from 'zod';

const networks = ['mastodon', 'bluesky', 'facebook', 'instagram', 'linkedin', 'x', 'gbp'] as const;
const statuses = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'failed',
  'unconfirmed',
  'rejected',
] as const;
const verdict = z.enum(['pass', 'review', 'block']).nullable();
const role = z.string();

export const mediaSchema = z.object({
  id: z.string(),
  mimeType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  width: z.number(),
  height: z.number(),
  byteSize: z.number(),
  altText: z.string(),
});

export const commentSchema = z.object({
  id: z.string(),
  variantId: z.string().nullable(),
  authorId: z.string(),
  authorName: z.string(),
  kind: z.enum(['comment', 'changes_requested', 'rejected']),
  body: z.string(),
  anchorStart: z.number().nullable(),
  anchorEnd: z.number().nullable(),
  quote: z.string().nullable(),
  postVersion: z.number(),
  resolved: z.boolean(),
  createdAt: z.string(),
});

export const postSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  lastEditedBy: z.string(),
  status: z.enum(statuses),
  baseText: z.string(),
  campaign: z.string(),
  patientStory: z.boolean(),
  guardVerdict: verdict,
  overrideJustification: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  timeZone: z.string().nullable(),
  version: z.number(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  variants: z.array(
    z.object({
      id: z.string(),
      channelId: z.string(),
      network: z.enum(networks),
      handle: z.string(),
      text: z.string(),
      publishText: z.string(),
      count: z.number(),
      limit: z.number(),
    }),
  ),
  media: z.array(mediaSchema),
  approvals: z.array(
    z.object({ userId: z.string(), userName: z.string(), role, createdAt: z.string() }),
  ),
  approval: z.object({ required: z.array(role), missing: z.array(role), complete: z.boolean() }),
  comments: z.array(commentSchema),
});

export const postSummarySchema = z.object({
  id: z.string(),
  locationId: z.string(),
  status: z.enum(statuses),
  excerpt: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  networks: z.array(z.enum(networks)),
  guardVerdict: verdict,
  patientStory: z.boolean(),
  version: z.number(),
  submittedAt: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  updatedAt: z.string(),
  awaitingMe: z.boolean(),
  missingRoles: z.array(role),
});

export const composeChannelSchema = z.object({
  id: z.string(),
  network: z.enum(networks),
  handle: z.string(),
  displayName: z.string(),
  status: z.enum(['connected', 'reconnect_needed', 'disconnected']),
  limit: z.number(),
  maxCharacters: z.number().nullable(),
});
