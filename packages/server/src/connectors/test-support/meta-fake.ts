import { randomBytes } from 'node:crypto';
import type { FacebookCredentials, InstagramCredentials } from '../facebook/meta-credentials.js';
import type { OAuthClient } from '../network-endpoints.js';
import {
  formBody,
  startFakeHttpServer,
  type FakeHandler,
  type FakeReply,
  type FakeRequest,
} from './fake-http-server.js';
import {
  FakeOAuth,
  FakeTokens,
  idSequence,
  type FakePost,
  type NetworkFake,
  type NetworkReplies,
} from './network-fake.js';
import { fetchLikeANetwork, type NetworkMediaFetch } from './network-media-fetch.js';

const VERSION = 'v23.0';
const PAGE = {
  id: '104800000000001',
  name: 'Main Street Clinic',
  link: 'https://www.facebook.com/mainstclinic',
};
const OTHER_PAGE = { id: '104800000000002', name: 'Main Street Clinic — Eastside' };
const IG = { id: '17841400000000001', username: 'mainstclinic', name: 'Main Street Clinic' };
/** Instagram's documented limit of API-published posts per rolling 24 hours. */
export const INSTAGRAM_DAILY_POSTS = 50;

const graphError = (
  status: number,
  error: {
    message: string;
    code: number;
    error_subcode?: number;
    error_user_title?: string;
    error_user_msg?: string;
    is_transient?: boolean;
  },
  headers?: Record<string, string>,
): FakeReply => ({
  status,
  headers,
  body: { error: { type: 'OAuthException', fbtrace_id: 'AbCdEf123', ...error } },
});

export const metaReplies: NetworkReplies = {
  expiredToken: () =>
    graphError(400, {
      message:
        'Error validating access token: Session has expired on Friday, 27-Nov-26 10:00:00 PST.',
      code: 190,
      error_subcode: 463,
    }),
  rateLimited: (seconds) =>
    graphError(
      400,
      { message: '(#32) Page request limit reached', code: 32 },
      {
        'x-business-use-case-usage': JSON.stringify({
          [PAGE.id]: [
            {
              type: 'pages',
              call_count: 100,
              total_cputime: 12,
              total_time: 20,
              estimated_time_to_regain_access: Math.ceil(seconds / 60),
            },
          ],
        }),
      },
    ),
  rejected: (reason) =>
    graphError(400, { message: '(#100) Invalid parameter', code: 100, error_user_msg: reason }),
  serverError: () =>
    graphError(500, {
      message: 'An unexpected error has occurred. Please retry your request later.',
      code: 2,
      is_transient: true,
    }),
};

interface MetaState {
  tokens: FakeTokens;
  oauth: FakeOAuth;
  pageToken: string;
  posts: Map<string, FakePost & { kind: 'facebook' | 'instagram' }>;
  containers: Map<string, { polls: number; caption: string; children: number; error?: string }>;
  photos: Set<string>;
  igPublishedAt: number[];
  created: { facebook: number; instagram: number };
  comments: Map<string, FakeComment[]>;
  tags: { id: string; caption: string; username: string; timestamp: string }[];
  replies: { to: string; message: string }[];
  /** Every image download the Instagram fake made, in order. */
  mediaFetches: NetworkMediaFetch[];
}

interface FakeComment {
  id: string;
  message: string;
  from: string;
  created_time: string;
  parent?: string;
}

/** The Graph API routes both fakes serve (NETWORKS.md §3.1–3.2). */
function metaRoutes(s: MetaState, client: OAuthClient): Record<string, FakeHandler> {
  const nextId = idSequence(1_000_000);
  const fields = (r: FakeRequest): URLSearchParams =>
    r.method === 'GET' || r.method === 'DELETE' ? r.query : formBody(r);
  const notFound = (id: string): FakeReply =>
    graphError(400, {
      message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      code: 100,
      error_subcode: 33,
    });
  const igWindow = (): number[] => s.igPublishedAt.filter((t) => t > Date.now() - 86_400_000);

  return {
    [`GET /${VERSION}/dialog/oauth`]: s.oauth.authorize,
    [`GET /${VERSION}/oauth/access_token`]: (r) => {
      const q = r.query;
      if (q.get('client_id') !== client.clientId || q.get('client_secret') !== client.clientSecret)
        return graphError(400, { message: 'Error validating client secret.', code: 1 });
      if (q.get('grant_type') === 'fb_exchange_token')
        return s.tokens.check(q.get('fb_exchange_token') ?? '') === 'ok'
          ? {
              status: 200,
              body: {
                access_token: s.tokens.issue().accessToken,
                token_type: 'bearer',
                expires_in: 5_183_944,
              },
            }
          : metaReplies.expiredToken();
      const result = s.oauth.redeem(r, q);
      if ('error' in result)
        return graphError(400, {
          message: 'This authorization code has been used.',
          code: 100,
          error_subcode: 36009,
        });
      return {
        status: 200,
        body: { access_token: result.accessToken, token_type: 'bearer', expires_in: 5_400 },
      };
    },
    [`GET /${VERSION}/me/accounts`]: () => ({
      status: 200,
      body: {
        data: [
          { ...PAGE, access_token: s.pageToken, instagram_business_account: IG },
          { ...OTHER_PAGE, access_token: s.pageToken },
        ],
        paging: { cursors: { before: 'b', after: 'a' } },
      },
    }),
    [`POST /${VERSION}/:id/photos`]: (r) => {
      if (r.params.id !== PAGE.id) return notFound(r.params.id ?? '');
      if (!r.rawBody.includes(Buffer.from('name="source"')))
        return graphError(400, { message: '(#324) Requires upload file', code: 324 });
      const id = nextId();
      s.photos.add(id);
      return { status: 200, body: { id } };
    },
    [`POST /${VERSION}/:id/feed`]: (r) => {
      if (r.params.id !== PAGE.id) return notFound(r.params.id ?? '');
      const form = fields(r);
      const message = form.get('message') ?? '';
      const attached = [...form.keys()].filter((k) => k.startsWith('attached_media'));
      if (!message && attached.length === 0)
        return graphError(400, {
          message: '(#100) The post is empty.',
          code: 100,
          error_user_msg: 'The post is empty.',
        });
      if ([...message].length > 63_206)
        return graphError(400, {
          message: '(#100) Message is too long',
          code: 100,
          error_user_msg: 'The message is too long.',
        });
      if ([...s.posts.values()].some((p) => p.kind === 'facebook' && p.text === message))
        return graphError(400, {
          message: '(#506) Duplicate status message',
          code: 506,
          error_user_msg: 'This status update is identical to the last one you posted.',
        });
      const id = `${PAGE.id}_${nextId()}`;
      s.posts.set(id, {
        id,
        text: message,
        createdAt: new Date().toISOString(),
        mediaCount: attached.length,
        kind: 'facebook',
      });
      s.created.facebook += 1;
      return { status: 200, body: { id } };
    },
    [`GET /${VERSION}/:id/posts`]: (r) => {
      const since = Number(r.query.get('since') ?? 0) * 1000;
      const data = [...s.posts.values()]
        .filter((p) => p.kind === 'facebook' && Date.parse(p.createdAt) >= since)
        .reverse()
        .map((p) => ({
          id: p.id,
          message: p.text,
          created_time: p.createdAt.replace(/\.\d+Z$/, '+0000'),
          permalink_url: `https://www.facebook.com/${p.id}`,
        }));
      return { status: 200, body: { data } };
    },
    [`POST /${VERSION}/:id/media`]: async (r) => {
      if (r.params.id !== IG.id) return notFound(r.params.id ?? '');
      const form = fields(r);
      const caption = form.get('caption') ?? '';
      if (form.get('media_type') === 'CAROUSEL') {
        const children = (form.get('children') ?? '').split(',').filter(Boolean);
        if (children.length < 2 || children.some((c) => !s.containers.has(c)))
          return graphError(400, {
            message: 'Invalid parameter',
            code: 100,
            error_user_msg: 'A carousel needs 2 to 10 prepared items.',
          });
      } else {
        // Meta downloads the image with cURL when the container is created (NETWORKS.md §3.2).
        const image = await fetchLikeANetwork(form.get('image_url') ?? '');
        s.mediaFetches.push(image);
        if (!image.ok)
          return graphError(400, {
            message: 'Only photo or video can be accepted as media type.',
            code: 9004,
            error_subcode: 2207052,
            error_user_title: 'Media download has failed.',
            error_user_msg: `The media could not be fetched from this URI (${image.reason}).`,
          });
        if (image.contentType !== 'image/jpeg')
          return graphError(400, {
            message: 'Invalid parameter',
            code: 9004,
            error_subcode: 2207052,
            error_user_msg: `Only JPEG images can be published (got ${image.contentType}).`,
          });
      }
      if ([...caption].length > 2200)
        return graphError(400, {
          message: 'Invalid parameter',
          code: 100,
          error_user_msg: 'The caption is longer than 2,200 characters.',
        });
      if ((caption.match(/#[\p{L}\p{N}_]+/gu) ?? []).length > 30)
        return graphError(400, {
          message: 'Invalid parameter',
          code: 100,
          error_user_msg: 'The caption has more than 30 hashtags.',
        });
      const id = nextId();
      s.containers.set(id, {
        polls: 0,
        caption,
        children: (form.get('children') ?? '').split(',').filter(Boolean).length || 1,
        error: (form.get('image_url') ?? '').includes('broken') ? 'ERROR' : undefined,
      });
      return { status: 200, body: { id } };
    },
    [`GET /${VERSION}/:id/content_publishing_limit`]: () => ({
      status: 200,
      body: {
        data: [
          {
            quota_usage: igWindow().length,
            config: { quota_total: INSTAGRAM_DAILY_POSTS, quota_duration: 86_400 },
          },
        ],
      },
    }),
    [`POST /${VERSION}/:id/media_publish`]: (r) => {
      const container = s.containers.get(fields(r).get('creation_id') ?? '');
      if (!container || container.polls === 0)
        return graphError(400, {
          message: 'Media ID is not available',
          code: 9007,
          error_subcode: 2207027,
          error_user_msg: 'The media is not ready for publishing, please wait for a moment.',
        });
      if (igWindow().length >= INSTAGRAM_DAILY_POSTS)
        return graphError(400, {
          message: 'Application request limit reached',
          code: 9,
          error_subcode: 2207042,
          error_user_msg: 'The maximum number of posts that were published has been reached.',
        });
      const id = nextId();
      s.posts.set(id, {
        id,
        text: container.caption,
        createdAt: new Date().toISOString(),
        mediaCount: container.children,
        kind: 'instagram',
      });
      s.igPublishedAt.push(Date.now());
      s.created.instagram += 1;
      return { status: 200, body: { id } };
    },
    [`GET /${VERSION}/:id/media`]: (r) => {
      const since = Number(r.query.get('since') ?? 0) * 1000;
      const data = [...s.posts.values()]
        .filter((p) => p.kind === 'instagram' && Date.parse(p.createdAt) >= since)
        .reverse()
        .map((p) => ({
          id: p.id,
          caption: p.text,
          timestamp: p.createdAt.replace(/\.\d+Z$/, '+0000'),
          permalink: `https://www.instagram.com/p/${p.id}/`,
        }));
      return { status: 200, body: { data } };
    },
    [`GET /${VERSION}/:id/comments`]: (r) => ({
      status: 200,
      body: {
        data: (s.comments.get(r.params.id ?? '') ?? []).map((c) => ({
          id: c.id,
          message: c.message,
          text: c.message,
          from: { id: `u-${c.from}`, name: c.from },
          username: c.from,
          created_time: c.created_time,
          timestamp: c.created_time,
          parent: c.parent ? { id: c.parent } : undefined,
        })),
      },
    }),
    [`POST /${VERSION}/:id/comments`]: (r) => {
      const message = fields(r).get('message') ?? '';
      if (!message) return graphError(400, { message: '(#100) Missing message', code: 100 });
      const id = nextId();
      s.replies.push({ to: r.params.id ?? '', message });
      return { status: 200, body: { id } };
    },
    [`POST /${VERSION}/:id/replies`]: (r) => {
      const message = fields(r).get('message') ?? '';
      if (!message) return graphError(400, { message: '(#100) Missing message', code: 100 });
      s.replies.push({ to: r.params.id ?? '', message });
      return { status: 200, body: { id: nextId() } };
    },
    [`GET /${VERSION}/:id/tags`]: () => ({ status: 200, body: { data: s.tags } }),
    [`POST /${VERSION}/:id/mentions`]: (r) => {
      const form = fields(r);
      if (!form.get('media_id') || !form.get('message'))
        return graphError(400, { message: '(#100) media_id and message are required', code: 100 });
      s.replies.push({ to: form.get('media_id') ?? '', message: form.get('message') ?? '' });
      return { status: 200, body: { id: nextId() } };
    },
    [`GET /${VERSION}/:id`]: (r) => {
      const id = r.params.id ?? '';
      if (id === PAGE.id) return { status: 200, body: PAGE };
      if (id === IG.id) return { status: 200, body: IG };
      const container = s.containers.get(id);
      if (container) {
        container.polls += 1;
        const status_code = container.error ?? (container.polls === 1 ? 'IN_PROGRESS' : 'FINISHED');
        return {
          status: 200,
          body: {
            id,
            status_code,
            status: container.error ? 'Error: the image could not be downloaded' : undefined,
          },
        };
      }
      const post = s.posts.get(id);
      if (!post) return notFound(id);
      return post.kind === 'instagram'
        ? {
            status: 200,
            body: {
              id,
              permalink: `https://www.instagram.com/p/${id}/`,
              like_count: 7,
              comments_count: 2,
            },
          }
        : {
            status: 200,
            body: {
              id,
              reactions: { data: [], summary: { total_count: 5 } },
              comments: { data: [], summary: { total_count: 3 } },
              shares: { count: 1 },
            },
          };
    },
    [`DELETE /${VERSION}/:id`]: (r) => {
      const post = s.posts.get(r.params.id ?? '');
      if (!post || post.kind !== 'facebook') return notFound(r.params.id ?? '');
      s.posts.delete(post.id);
      return { status: 200, body: { success: true } };
    },
  };
}

async function startMetaServer(options: { latencyMs?: number }) {
  const client = { clientId: '1234567890', clientSecret: 'meta-app-secret-value' };
  const tokens = new FakeTokens();
  const state: MetaState = {
    tokens,
    oauth: new FakeOAuth(client, tokens, false),
    pageToken: tokens.issue().accessToken,
    posts: new Map(),
    containers: new Map(),
    photos: new Set(),
    igPublishedAt: [],
    created: { facebook: 0, instagram: 0 },
    comments: new Map(),
    tags: [],
    replies: [],
    mediaFetches: [],
  };
  const server = await startFakeHttpServer(metaRoutes(state, client), {
    latencyMs: options.latencyMs,
    authorize: (request, route) => {
      if (route.includes('/dialog/oauth') || route.includes('/oauth/access_token'))
        return undefined;
      return tokens.check(request.bearer) === 'ok' ? undefined : metaReplies.expiredToken();
    },
  });
  return { server, state, client };
}

/** Comments and replies the inbox reads and writes, shared by both fakes. */
export interface MetaInboxFake {
  /** Adds a comment by `author` on a post, media or (with `parent`) under another comment. */
  addComment(
    objectId: string,
    text: string,
    options?: { author?: string; parent?: string },
  ): string;
  /** Replies the fake received: `to` is the comment or media id. */
  receivedReplies(): { to: string; message: string }[];
}

export type FacebookFake = NetworkFake<FacebookCredentials> & MetaInboxFake;

function inboxHelpers(state: MetaState): MetaInboxFake {
  let next = 9_000_000;
  return {
    addComment: (objectId, text, options = {}) => {
      const id = `${objectId}_c${(next += 1)}`;
      const comment = {
        id,
        message: text,
        from: options.author ?? 'Pat Example',
        created_time: new Date().toISOString().replace(/\.\d+Z$/, '+0000'),
        parent: options.parent,
      };
      state.comments.set(objectId, [...(state.comments.get(objectId) ?? []), comment]);
      return id;
    },
    receivedReplies: () => [...state.replies],
  };
}

export interface InstagramFake extends NetworkFake<InstagramCredentials>, MetaInboxFake {
  /** A post by someone else that tags the account (read through `/tags`). */
  addTag(caption: string, username?: string): string;
  /** Pretends `count` posts were published through the API in the last 24 hours, `hoursAgo` ago. */
  usePublishingQuota(count: number, hoursAgo?: number): void;
  /** The images the fake downloaded from `image_url`, as Meta's servers would (bytes included). */
  mediaFetches(): NetworkMediaFetch[];
}

/** A Graph API contract fake for Facebook Pages: login, Pages, photos, feed, posts, metrics, delete. */
export async function startFacebookFake(
  options: { latencyMs?: number } = {},
): Promise<FacebookFake> {
  const { server, state, client } = await startMetaServer(options);
  return {
    ...server,
    network: 'facebook',
    client,
    endpoints: { metaGraphUrl: server.baseUrl, metaLoginUrl: server.baseUrl },
    credentials: { pageId: PAGE.id, accessToken: state.pageToken },
    publishCount: () => state.created.facebook,
    posts: () => [...state.posts.values()].filter((p) => p.kind === 'facebook'),
    expireToken: () => state.tokens.expireAll(),
    denyConsent: () => state.oauth.deny(),
    publishRoute: `POST /${VERSION}/:id/feed`,
    replies: metaReplies,
    ...inboxHelpers(state),
  };
}

/**
 * A Graph API contract fake for Instagram: the container flow (the `image_url` is downloaded
 * when the container is created — unreachable, not a 200 image or not a JPEG is refused with
 * Meta's 9004 / 2207052; then IN_PROGRESS, FINISHED; an `image_url` containing "broken" ends in ERROR), `content_publishing_limit` and the 50-posts-a-day
 * refusal (code 9 / 2207042), media list, metrics. There is no delete, as on Instagram.
 */
export async function startInstagramFake(
  options: { latencyMs?: number } = {},
): Promise<InstagramFake> {
  const { server, state, client } = await startMetaServer(options);
  return {
    ...server,
    network: 'instagram',
    client,
    endpoints: { metaGraphUrl: server.baseUrl, metaLoginUrl: server.baseUrl },
    credentials: {
      igUserId: IG.id,
      username: IG.username,
      pageId: PAGE.id,
      accessToken: state.pageToken,
    },
    publishCount: () => state.created.instagram,
    posts: () => [...state.posts.values()].filter((p) => p.kind === 'instagram'),
    expireToken: () => state.tokens.expireAll(),
    denyConsent: () => state.oauth.deny(),
    publishRoute: `POST /${VERSION}/:id/media_publish`,
    replies: metaReplies,
    ...inboxHelpers(state),
    mediaFetches: () => [...state.mediaFetches],
    addTag: (caption, username = 'patient.example') => {
      const id = `tag${state.tags.length + 1}`;
      state.tags.push({
        id,
        caption,
        username,
        timestamp: new Date().toISOString().replace(/\.\d+Z$/, '+0000'),
      });
      return id;
    },
    usePublishingQuota: (count, hoursAgo = 1) => {
      for (let i = 0; i < count; i += 1) {
        const at = Date.now() - hoursAgo * 3_600_000;
        state.igPublishedAt.push(at);
        const id = `old-${randomBytes(4).toString('hex')}`;
        state.posts.set(id, {
          id,
          text: `Earlier post ${i}`,
          createdAt: new Date(at).toISOString(),
          mediaCount: 1,
          kind: 'instagram',
        });
      }
    },
  };
}
