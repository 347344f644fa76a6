import { z } from 'zod';
import type {
  AccountInfo,
  Connector,
  NetworkLimits,
  OAuthAccountsAuthorization,
  PostMetrics,
  PublishInput,
} from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import { graphError } from '../facebook/graph-errors.js';
import { INSTAGRAM_SCOPES, type InstagramCredentials } from '../facebook/meta-credentials.js';
import { finishMetaLogin, startMetaLogin } from '../facebook/meta-login.js';
import { fetchWithTimeout } from '../http/fetch-with-timeout.js';
import { createNetworkHttp, type NetworkHttp } from '../http/network-http.js';
import { findMatchingPost } from '../http/recent-match.js';
import type {
  NetworkConnectorOptions,
  NetworkEndpoints,
  OAuthFinishOptions,
  OAuthStartOptions,
} from '../network-endpoints.js';
import { publishingQuotaWait } from './instagram-quota.js';

export type InstagramAuthorization = OAuthAccountsAuthorization<
  OAuthStartOptions,
  OAuthFinishOptions,
  InstagramCredentials
>;
export type InstagramConnector = Connector<InstagramCredentials, InstagramAuthorization> & {
  http: NetworkHttp;
  graph(path: string, params?: Record<string, string>): string;
};

export interface InstagramConnectorOptions extends NetworkConnectorOptions<
  NetworkEndpoints['meta']
> {
  /** How often to ask whether a container is ready, and how many times (images take seconds). */
  containerPollMs?: number;
  containerPollAttempts?: number;
}

export const INSTAGRAM_LIMITS: NetworkLimits = {
  maxCharacters: 2200,
  counting: 'code_points',
  maxImages: 10,
  maxImageBytes: 8 * 1024 * 1024,
  imageMimeTypes: ['image/jpeg'],
};

const idSchema = z.object({ id: z.string().min(1) });
const statusSchema = z.object({ status_code: z.string(), status: z.string().optional() });
const accountSchema = z.object({
  id: z.string().min(1),
  username: z.string(),
  name: z.string().optional(),
});
const mediaListSchema = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      caption: z.string().optional(),
      timestamp: z.string(),
      permalink: z.string().optional(),
    }),
  ),
});
const metricsSchema = z.object({
  like_count: z.number().optional(),
  comments_count: z.number().optional(),
});
const permalinkSchema = z.object({ permalink: z.string().optional() });

/**
 * The Instagram connector (Graph API through Facebook Login, business and creator accounts).
 * Publishing is the container flow: create a container from a public image URL (carousel for
 * several), wait until its `status_code` is FINISHED, then `media_publish` — after checking the
 * 50-posts-a-day quota (`content_publishing_limit`) so a full day is rate_limited, not an error.
 */
export function createInstagramConnector(options: InstagramConnectorOptions): InstagramConnector {
  const { endpoints, client } = options;
  const pollMs = options.containerPollMs ?? 2_000;
  const pollAttempts = options.containerPollAttempts ?? 30;
  const http = createNetworkHttp({
    network: 'instagram',
    fetch: fetchWithTimeout(options.timeoutMs ?? 15_000, options.fetch),
    toError: (refusal, redact) => graphError('instagram', refusal, redact),
    secrets: [client.clientSecret],
  });
  const graph = (path: string, params: Record<string, string> = {}): string => {
    const query = new URLSearchParams(params).toString();
    return `${endpoints.graphUrl}/${endpoints.apiVersion}${path}${query ? `?${query}` : ''}`;
  };
  const profileUrl = (username: string): string => `https://www.instagram.com/${username}/`;

  const createContainer = async (
    credentials: InstagramCredentials,
    fields: Record<string, string>,
  ): Promise<string> => {
    const { data } = await http
      .request({
        method: 'POST',
        url: graph(`/${encodeURIComponent(credentials.igUserId)}/media`),
        body: new URLSearchParams(fields),
        accessToken: credentials.accessToken,
        schema: idSchema,
        what: 'preparing the post',
      })
      .catch((error: unknown) => {
        throw fields.image_url ? downloadRefusal(error) : error;
      });
    return data.id;
  };

  const waitUntilReady = async (
    credentials: InstagramCredentials,
    containerId: string,
  ): Promise<void> => {
    for (let attempt = 0; attempt < pollAttempts; attempt += 1) {
      const { data } = await http.request({
        method: 'GET',
        url: graph(`/${encodeURIComponent(containerId)}`, { fields: 'status_code,status' }),
        accessToken: credentials.accessToken,
        schema: statusSchema,
        what: 'checking the prepared post',
      });
      if (data.status_code === 'FINISHED' || data.status_code === 'PUBLISHED') return;
      if (data.status_code === 'ERROR')
        throw rejected(
          `Instagram could not use the image${data.status ? `: ${data.status}` : ''}.`,
        );
      if (data.status_code === 'EXPIRED')
        throw transient(
          'The prepared post expired before it was published; it will be prepared again.',
        );
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    throw transient('Instagram is still processing the image; try again shortly.');
  };

  const prepare = async (
    credentials: InstagramCredentials,
    post: PublishInput,
  ): Promise<string> => {
    const media = post.media ?? [];
    if (media.length === 0) throw rejected('Instagram posts need at least one image.');
    if (media.length > INSTAGRAM_LIMITS.maxImages)
      throw rejected(`Instagram allows at most ${INSTAGRAM_LIMITS.maxImages} images per post.`);
    if (media.some((item) => item.altText.trim() === ''))
      throw rejected('Every image needs alt text.');
    if (media.some((item) => !item.publicUrl))
      throw rejected('Instagram fetches images from a public address, and this image has none.');
    const [only] = media;
    if (media.length === 1 && only)
      return createContainer(credentials, {
        image_url: only.publicUrl ?? '',
        caption: post.text,
        alt_text: only.altText,
      });
    const children: string[] = [];
    for (const item of media)
      children.push(
        await createContainer(credentials, {
          image_url: item.publicUrl ?? '',
          is_carousel_item: 'true',
          alt_text: item.altText,
        }),
      );
    for (const child of children) await waitUntilReady(credentials, child);
    return createContainer(credentials, {
      media_type: 'CAROUSEL',
      children: children.join(','),
      caption: post.text,
    });
  };

  return {
    network: 'instagram',
    http,
    graph,
    authorize: {
      kind: 'oauth_accounts',
      start: ({ redirectUri }) =>
        startMetaLogin(endpoints, { client, redirectUri, scopes: INSTAGRAM_SCOPES }),
      async finish(finish) {
        const pages = await finishMetaLogin(http, { endpoints, client, finish });
        return pages.flatMap((page) => {
          const ig = page.instagram_business_account;
          if (!ig) return [];
          const username = ig.username ?? ig.id;
          return [
            {
              account: {
                id: ig.id,
                handle: `@${username}`,
                displayName: ig.name || username,
                url: profileUrl(username),
              },
              credentials: {
                igUserId: ig.id,
                username,
                pageId: page.id,
                accessToken: page.access_token ?? '',
              },
            },
          ];
        });
      },
    },

    refresh: (credentials) => Promise.resolve(credentials),

    async validate(credentials): Promise<AccountInfo> {
      const { data } = await http.request({
        method: 'GET',
        url: graph(`/${encodeURIComponent(credentials.igUserId)}`, { fields: 'id,username,name' }),
        accessToken: credentials.accessToken,
        schema: accountSchema,
        what: 'checking the account',
      });
      return {
        id: data.id,
        handle: `@${data.username}`,
        displayName: data.name || data.username,
        url: profileUrl(data.username),
      };
    },

    limits: () => Promise.resolve(INSTAGRAM_LIMITS),

    async publish(credentials, post) {
      const wait = await publishingQuotaWait(http, { credentials, graph });
      if (wait !== undefined)
        throw new ConnectorError({
          network: 'instagram',
          kind: 'rate_limited',
          reason: 'Instagram allows 50 posts a day through apps; this account has reached it.',
          retryAfterSeconds: wait,
        });
      const containerId = await prepare(credentials, post);
      await waitUntilReady(credentials, containerId);
      const { data } = await http.request({
        method: 'POST',
        url: graph(`/${encodeURIComponent(credentials.igUserId)}/media_publish`),
        body: new URLSearchParams({ creation_id: containerId }),
        accessToken: credentials.accessToken,
        schema: idSchema,
        what: 'publishing the post',
      });
      // The post is out; its address is a nicety, so a failure to read it does not fail the publish.
      const permalink = await http
        .request({
          method: 'GET',
          url: graph(`/${encodeURIComponent(data.id)}`, { fields: 'permalink' }),
          accessToken: credentials.accessToken,
          schema: permalinkSchema,
          what: 'reading the post',
        })
        .then(
          (response) => response.data.permalink,
          () => undefined,
        );
      return { remoteId: data.id, url: permalink };
    },

    async findRecent(credentials, query) {
      const { data } = await http.request({
        method: 'GET',
        url: graph(`/${encodeURIComponent(credentials.igUserId)}/media`, {
          fields: 'id,caption,timestamp,permalink',
          limit: '25',
        }),
        accessToken: credentials.accessToken,
        schema: mediaListSchema,
        what: 'listing recent posts',
      });
      const match = findMatchingPost(data.data, {
        ...query,
        textOf: (m) => m.caption ?? '',
        createdAt: (m) => m.timestamp,
      });
      return match ? { remoteId: match.id, url: match.permalink } : undefined;
    },

    delete() {
      // The Instagram Graph API has no way to delete a published post.
      return Promise.reject(
        new ConnectorError({
          network: 'instagram',
          kind: 'content_rejected',
          status: 405,
          reason: 'Instagram does not let apps delete posts; delete it in the Instagram app.',
        }),
      );
    },

    async fetchMetrics(credentials, remoteId): Promise<PostMetrics> {
      const { data } = await http.request({
        method: 'GET',
        url: graph(`/${encodeURIComponent(remoteId)}`, { fields: 'like_count,comments_count' }),
        accessToken: credentials.accessToken,
        schema: metricsSchema,
        what: 'reading the post',
      });
      return {
        likes: data.like_count,
        reposts: undefined,
        replies: data.comments_count,
        quotes: undefined,
      };
    },
  };
}

function rejected(reason: string): ConnectorError {
  return new ConnectorError({ network: 'instagram', kind: 'content_rejected', reason });
}

function transient(reason: string): ConnectorError {
  return new ConnectorError({ network: 'instagram', kind: 'transient', reason });
}

/**
 * Meta downloads `image_url` itself when the container is made (error 9004 / 2207052 when it
 * cannot). Said plainly with the fix, since the usual cause is on Bedside's side: its media
 * address is not reachable from the internet.
 */
function downloadRefusal(error: unknown): unknown {
  if (
    !(error instanceof ConnectorError) ||
    error.kind !== 'content_rejected' ||
    !/fetched|download/i.test(error.reason)
  )
    return error;
  return new ConnectorError({
    network: 'instagram',
    kind: 'content_rejected',
    status: error.status,
    reason: `Instagram could not download the image from Bedside: ${error.reason} Bedside's media address (BEDSIDE_MEDIA_PUBLIC_URL) must be reachable from the internet.`,
  });
}
