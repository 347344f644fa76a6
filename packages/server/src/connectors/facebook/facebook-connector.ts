import { z } from 'zod';
import type {
  AccountInfo,
  Connector,
  MediaInput,
  NetworkLimits,
  OAuthAccountsAuthorization,
  PostMetrics,
} from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import { fetchWithTimeout } from '../http/fetch-with-timeout.js';
import { createNetworkHttp, type NetworkHttp } from '../http/network-http.js';
import { findMatchingPost } from '../http/recent-match.js';
import type {
  NetworkConnectorOptions,
  NetworkEndpoints,
  OAuthFinishOptions,
  OAuthStartOptions,
} from '../network-endpoints.js';
import { graphError, isGraphNotFound } from './graph-errors.js';
import { FACEBOOK_SCOPES, type FacebookCredentials } from './meta-credentials.js';
import { finishMetaLogin, startMetaLogin } from './meta-login.js';
import { imageBlob } from '../http/image-blob.js';

export type FacebookAuthorization = OAuthAccountsAuthorization<
  OAuthStartOptions,
  OAuthFinishOptions,
  FacebookCredentials
>;
export type FacebookConnector = Connector<FacebookCredentials, FacebookAuthorization> & {
  http: NetworkHttp;
  graph(path: string, params?: Record<string, string>): string;
};

export const FACEBOOK_LIMITS: NetworkLimits = {
  maxCharacters: 63_206,
  counting: 'code_points',
  maxImages: 10,
  maxImageBytes: 4 * 1024 * 1024,
  imageMimeTypes: ['image/jpeg', 'image/png', 'image/gif'],
};

const idSchema = z.object({ id: z.string().min(1) });
const pageSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  link: z.string().optional(),
});
const postsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      message: z.string().optional(),
      created_time: z.string(),
      permalink_url: z.string().optional(),
    }),
  ),
});
const countSchema = z
  .object({ summary: z.object({ total_count: z.number() }).optional() })
  .optional();
const metricsSchema = z.object({
  reactions: countSchema,
  comments: countSchema,
  shares: z.object({ count: z.number() }).optional(),
});

/**
 * The Facebook Pages connector (Graph API): Facebook Login, then the person picks a Page; posts
 * go to `/{page}/feed`, images are uploaded unpublished to `/{page}/photos` and attached.
 *
 * @example
 * const facebook = createFacebookConnector({ endpoints: endpoints.meta, client: config.networks.meta })
 */
export function createFacebookConnector(
  options: NetworkConnectorOptions<NetworkEndpoints['meta']>,
): FacebookConnector {
  const { endpoints, client } = options;
  const http = createNetworkHttp({
    network: 'facebook',
    fetch: fetchWithTimeout(options.timeoutMs ?? 15_000, options.fetch),
    toError: (refusal, redact) => graphError('facebook', refusal, redact),
    secrets: [client.clientSecret],
  });
  const graph = (path: string, params: Record<string, string> = {}): string => {
    const query = new URLSearchParams(params).toString();
    return `${endpoints.graphUrl}/${endpoints.apiVersion}${path}${query ? `?${query}` : ''}`;
  };
  const postUrl = (id: string): string => `https://www.facebook.com/${id}`;

  const uploadPhoto = async (
    credentials: FacebookCredentials,
    item: MediaInput,
  ): Promise<string> => {
    const form = new FormData();
    form.append('source', imageBlob(item), 'image');
    form.append('published', 'false');
    form.append('alt_text_custom', item.altText);
    const { data } = await http.request({
      method: 'POST',
      url: graph(`/${encodeURIComponent(credentials.pageId)}/photos`),
      body: form,
      accessToken: credentials.accessToken,
      schema: idSchema,
      what: 'uploading an image',
    });
    return data.id;
  };

  return {
    network: 'facebook',
    http,
    graph,
    authorize: {
      kind: 'oauth_accounts',
      start: ({ redirectUri }) =>
        startMetaLogin(endpoints, { client, redirectUri, scopes: FACEBOOK_SCOPES }),
      async finish(finish) {
        const pages = await finishMetaLogin(http, { endpoints, client, finish });
        return pages.map((page) => ({
          account: {
            id: page.id,
            handle: page.name,
            displayName: page.name,
            url: page.link ?? postUrl(page.id),
          },
          credentials: { pageId: page.id, accessToken: page.access_token ?? '' },
        }));
      },
    },

    // Page tokens do not expire; a revoked one shows up as reconnect_needed on the next call.
    refresh: (credentials) => Promise.resolve(credentials),

    async validate(credentials): Promise<AccountInfo> {
      const { data } = await http.request({
        method: 'GET',
        url: graph(`/${encodeURIComponent(credentials.pageId)}`, { fields: 'id,name,link' }),
        accessToken: credentials.accessToken,
        schema: pageSchema,
        what: 'checking the Page',
      });
      return {
        id: data.id,
        handle: data.name,
        displayName: data.name,
        url: data.link ?? postUrl(data.id),
      };
    },

    limits: () => Promise.resolve(FACEBOOK_LIMITS),

    async publish(credentials, post) {
      const media = post.media ?? [];
      if (media.length > FACEBOOK_LIMITS.maxImages)
        throw rejected(`Facebook allows at most ${FACEBOOK_LIMITS.maxImages} images per post.`);
      if (media.some((item) => item.altText.trim() === ''))
        throw rejected('Every image needs alt text.');
      const body = new URLSearchParams({ message: post.text });
      for (const [index, item] of media.entries())
        body.set(
          `attached_media[${index}]`,
          JSON.stringify({ media_fbid: await uploadPhoto(credentials, item) }),
        );
      const { data } = await http.request({
        method: 'POST',
        url: graph(`/${encodeURIComponent(credentials.pageId)}/feed`),
        body,
        accessToken: credentials.accessToken,
        schema: idSchema,
        what: 'publishing the post',
      });
      return { remoteId: data.id, url: postUrl(data.id) };
    },

    async findRecent(credentials, query) {
      const since = Math.floor((query.since.getTime() - 2 * 60 * 1000) / 1000);
      const { data } = await http.request({
        method: 'GET',
        url: graph(`/${encodeURIComponent(credentials.pageId)}/posts`, {
          fields: 'id,message,created_time,permalink_url',
          since: String(since),
          limit: '25',
        }),
        accessToken: credentials.accessToken,
        schema: postsSchema,
        what: 'listing recent posts',
      });
      const match = findMatchingPost(data.data, {
        ...query,
        textOf: (p) => p.message ?? '',
        createdAt: (p) => p.created_time,
      });
      return match
        ? { remoteId: match.id, url: match.permalink_url ?? postUrl(match.id) }
        : undefined;
    },

    async delete(credentials, remoteId) {
      try {
        await http.request({
          method: 'DELETE',
          url: graph(`/${encodeURIComponent(remoteId)}`),
          accessToken: credentials.accessToken,
          schema: z.unknown(),
          what: 'deleting the post',
        });
      } catch (error) {
        if (!isGraphNotFound(error)) throw error;
      }
    },

    async fetchMetrics(credentials, remoteId): Promise<PostMetrics> {
      const { data } = await http.request({
        method: 'GET',
        url: graph(`/${encodeURIComponent(remoteId)}`, {
          fields:
            'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares',
        }),
        accessToken: credentials.accessToken,
        schema: metricsSchema,
        what: 'reading the post',
      });
      return {
        likes: data.reactions?.summary?.total_count,
        reposts: data.shares?.count ?? 0,
        replies: data.comments?.summary?.total_count,
        quotes: undefined,
      };
    },
  };
}

function rejected(reason: string): ConnectorError {
  return new ConnectorError({ network: 'facebook', kind: 'content_rejected', reason });
}
