import type { Finding, NetworkId, Verdict } from '@bedside/guard';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, uploadFile } from '../../api/client';
import type { Role } from '../../api/types';

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

export interface ComposeChannel {
  id: string;
  network: NetworkId;
  handle: string;
  displayName: string;
  status: 'connected' | 'reconnect_needed' | 'disconnected';
  limit: number;
  maxCharacters: number | null;
}

export interface Media {
  id: string;
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
  byteSize: number;
  altText: string;
}

export interface Variant {
  id: string;
  channelId: string;
  network: NetworkId;
  handle: string;
  text: string;
  publishText: string;
  count: number;
  limit: number;
}

export interface Comment {
  id: string;
  variantId: string | null;
  authorId: string;
  authorName: string;
  kind: 'comment' | 'changes_requested' | 'rejected';
  body: string;
  anchorStart: number | null;
  anchorEnd: number | null;
  quote: string | null;
  postVersion: number;
  resolved: boolean;
  createdAt: string;
}

export interface Post {
  id: string;
  locationId: string;
  authorId: string;
  authorName: string;
  lastEditedBy: string;
  status: PostStatus;
  baseText: string;
  campaign: string;
  patientStory: boolean;
  guardVerdict: Verdict | null;
  overrideJustification: string | null;
  scheduledAt: string | null;
  timeZone: string | null;
  version: number;
  submittedAt: string | null;
  approvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  variants: Variant[];
  media: Media[];
  approvals: { userId: string; userName: string; role: Role; createdAt: string }[];
  approval: { required: Role[]; missing: Role[]; complete: boolean };
  comments: Comment[];
}

export interface PostSummary {
  id: string;
  locationId: string;
  status: PostStatus;
  excerpt: string;
  authorId: string;
  authorName: string;
  networks: NetworkId[];
  guardVerdict: Verdict | null;
  patientStory: boolean;
  version: number;
  submittedAt: string | null;
  scheduledAt: string | null;
  updatedAt: string;
  awaitingMe: boolean;
  missingRoles: Role[];
}

export interface PublishingSettings {
  approverRoles: Role[];
  complianceOnWarning: boolean;
  websiteDomains: string[];
  utmEnabled: boolean;
}

export interface PostContent {
  locationId: string;
  baseText: string;
  campaign?: string;
  patientStory: boolean;
  variants: { channelId: string; text: string }[];
  mediaIds: string[];
}

/** A guard finding the server found in one variant (without the matched text). */
export type ServerFinding = Omit<Finding, 'text' | 'fix'> & {
  variantId: string;
  channelId: string;
};

const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;
const seg = encodeURIComponent;

export const postKeys = {
  all: (orgId: string) => ['org', orgId, 'posts'] as const,
  list: (orgId: string, status: string) => ['org', orgId, 'posts', 'list', status] as const,
  one: (orgId: string, postId: string) => ['org', orgId, 'posts', 'one', postId] as const,
  channels: (orgId: string, locationId: string) =>
    ['org', orgId, 'posts', 'channels', locationId] as const,
  settings: (orgId: string) => ['org', orgId, 'posts', 'settings'] as const,
};

export const postsApi = {
  list: (orgId: string, statuses: PostStatus[], signal?: AbortSignal) =>
    api.get<{ posts: PostSummary[] }>(
      `${org(orgId)}/posts${statuses.length ? `?status=${statuses.join(',')}` : ''}`,
      signal,
    ),
  get: (orgId: string, postId: string, signal?: AbortSignal) =>
    api.get<Post>(`${org(orgId)}/posts/${seg(postId)}`, signal),
  channels: (orgId: string, locationId: string, signal?: AbortSignal) =>
    api.get<{ channels: ComposeChannel[] }>(
      `${org(orgId)}/compose/channels?locationId=${seg(locationId)}`,
      signal,
    ),
  create: (orgId: string, content: PostContent) => api.post<Post>(`${org(orgId)}/posts`, content),
  update: (
    orgId: string,
    postId: string,
    body: PostContent & { version: number; overrideJustification?: string },
  ) => api.put<Post>(`${org(orgId)}/posts/${seg(postId)}`, body),
  submit: (
    orgId: string,
    postId: string,
    body: { version: number; overrideJustification?: string },
  ) => api.post<Post>(`${org(orgId)}/posts/${seg(postId)}/submit`, body),
  withdraw: (orgId: string, postId: string, reason: string) =>
    api.post<Post>(`${org(orgId)}/posts/${seg(postId)}/withdraw`, { reason }),
  approve: (orgId: string, postId: string, body: { version: number; note?: string }) =>
    api.post<Post>(`${org(orgId)}/posts/${seg(postId)}/approve`, body),
  decline: (
    orgId: string,
    postId: string,
    body: { version: number; reason: string; decision: 'request-changes' | 'reject' },
  ) =>
    api.post<Post>(`${org(orgId)}/posts/${seg(postId)}/${body.decision}`, {
      version: body.version,
      reason: body.reason,
    }),
  comment: (
    orgId: string,
    postId: string,
    body: { body: string; variantId?: string; anchorStart?: number; anchorEnd?: number },
  ) => api.post<Comment>(`${org(orgId)}/posts/${seg(postId)}/comments`, body),
  resolveComment: (orgId: string, postId: string, commentId: string) =>
    api.post<void>(`${org(orgId)}/posts/${seg(postId)}/comments/${seg(commentId)}/resolve`),
  upload: (orgId: string, file: File, altText: string) =>
    uploadFile<Media>(`${org(orgId)}/media?altText=${seg(altText)}`, file),
  settings: (orgId: string, signal?: AbortSignal) =>
    api.get<PublishingSettings>(`${org(orgId)}/publishing-settings`, signal),
  saveSettings: (orgId: string, settings: PublishingSettings) =>
    api.put<PublishingSettings>(`${org(orgId)}/publishing-settings`, settings),
};

export const mediaUrl = (orgId: string, mediaId: string) =>
  `${org(orgId)}/media/${seg(mediaId)}/content`;

export function usePost(orgId: string, postId: string | undefined) {
  return useQuery({
    queryKey: postKeys.one(orgId, postId ?? ''),
    queryFn: ({ signal }) => postsApi.get(orgId, postId ?? '', signal),
    enabled: Boolean(postId),
  });
}

export function useComposeChannels(orgId: string, locationId: string) {
  return useQuery({
    queryKey: postKeys.channels(orgId, locationId),
    queryFn: ({ signal }) => postsApi.channels(orgId, locationId, signal),
    select: (data) => data.channels,
    enabled: Boolean(locationId),
  });
}

export function usePublishingSettings(orgId: string) {
  return useQuery({
    queryKey: postKeys.settings(orgId),
    queryFn: ({ signal }) => postsApi.settings(orgId, signal),
    staleTime: 60_000,
  });
}

export function usePostList(orgId: string, statuses: PostStatus[]) {
  return useQuery({
    queryKey: postKeys.list(orgId, statuses.join(',')),
    queryFn: ({ signal }) => postsApi.list(orgId, statuses, signal),
    select: (data) => data.posts,
  });
}

/** A mutation that refreshes every post query of the organization when it succeeds. */
export function usePostMutation<I, O>(orgId: string, fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: postKeys.all(orgId) }),
  });
}
