import { z } from 'zod';
import type {
  AccountInfo,
  CallHooks,
  Connector,
  MediaInput,
  NetworkLimits,
  OAuthAccountsAuthorization,
  PostMetrics,
  PublishedPost,
} from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import { fetchWithTimeout } from '../http/fetch-with-timeout.js';
import { createNetworkHttp, type NetworkHttp } from '../http/network-http.js';
import { authorizeUrl, newAuthorizationSecrets, requestTokens } from '../http/oauth2.js';
import { findMatchingPost } from '../http/recent-match.js';
import { withFreshToken } from '../http/token-refresh.js';
import type {
  NetworkConnectorOptions,
  NetworkEndpoints,
  OAuthFinishOptions,
  OAuthStartOptions,
} from '../network-endpoints.js';
import { X_SCOPES, type XCredentials } from './x-credentials.js';
import { xError } from './x-errors.js';
import { imageBlob } from '../http/image-blob.js';

export type XAuthorization = OAuthAccountsAuthorization<
  OAuthStartOptions,
  OAuthFinishOptions,
  XCredentials
>;
export type XConnector = Connector<XCredentials, XAuthorization> & {
  http: NetworkHttp;
  apiUrl: string;
  /** Runs a call with a fresh access token (the inbox's mention reads use it too). */
  withToken<T>(
    credentials: XCredentials,
    hooks: CallHooks<XCredentials> | undefined,
    run: (c: XCredentials) => Promise<T>,
  ): Promise<T>;
};

export const X_LIMITS: NetworkLimits = {
  maxCharacters: 280,
  counting: 'x',
  maxImages: 4,
  maxImageBytes: 5 * 1024 * 1024,
  imageMimeTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
};

const userSchema = z.object({
  data: z.object({ id: z.string().min(1), username: z.string().min(1), name: z.string() }),
});
const tweetSchema = z.object({ data: z.object({ id: z.string().min(1), text: z.string() }) });
const mediaSchema = z.object({ data: z.object({ id: z.string().min(1) }) });
const timelineSchema = z.object({
  data: z
    .array(z.object({ id: z.string().min(1), text: z.string(), created_at: z.string() }))
    .optional(),
});
const metricsSchema = z.object({
  data: z.object({
    public_metrics: z
      .object({
        like_count: z.number().optional(),
        retweet_count: z.number().optional(),
        reply_count: z.number().optional(),
        quote_count: z.number().optional(),
      })
      .optional(),
  }),
});

/**
 * The X (API v2) connector: OAuth 2 with PKCE, `POST /2/tweets`, media through `/2/media/upload`.
 * Access tokens last two hours and refresh tokens rotate, so every call goes through
 * `withFreshToken` and hands new credentials to `onRefreshed`.
 *
 * @example
 * const x = createXConnector({ endpoints: config.networks.endpoints.x, client: config.networks.x })
 * await x.publish(credentials, { text: 'Flu shots this week', idempotencyKey }, { onRefreshed: save })
 */
export function createXConnector(
  options: NetworkConnectorOptions<NetworkEndpoints['x']>,
): XConnector {
  const { endpoints, client } = options;
  const http = createNetworkHttp({
    network: 'x',
    fetch: fetchWithTimeout(options.timeoutMs ?? 15_000, options.fetch),
    toError: xError,
    secrets: [client.clientSecret],
  });
  const api = (path: string): string => `${endpoints.apiUrl}${path}`;

  const refresh = async (credentials: XCredentials): Promise<XCredentials> => {
    if (!credentials.refreshToken)
      throw new ConnectorError({
        network: 'x',
        kind: 'reconnect_needed',
        reason: 'The X connection has expired; reconnect the account.',
      });
    const tokens = await requestTokens(http, {
      url: api('/2/oauth2/token'),
      params: { grant_type: 'refresh_token', refresh_token: credentials.refreshToken },
      client,
      clientAuth: 'basic',
    });
    return {
      ...credentials,
      accessToken: tokens.accessToken,
      // X rotates: the old refresh token is dead now. Keep the old one only if none came back.
      refreshToken: tokens.refreshToken ?? credentials.refreshToken,
      expiresAt: tokens.expiresAt,
    };
  };
  const call = <T>(
    credentials: XCredentials,
    hooks: CallHooks<XCredentials> | undefined,
    run: (c: XCredentials) => Promise<T>,
  ): Promise<T> => withFreshToken({ credentials, hooks, refresh, run });

  const me = async (accessToken: string): Promise<AccountInfo> => {
    const { data } = await http.request({
      method: 'GET',
      url: api('/2/users/me?user.fields=username,name'),
      accessToken,
      schema: userSchema,
      what: 'checking the account',
    });
    return {
      id: data.data.id,
      handle: `@${data.data.username}`,
      displayName: data.data.name || data.data.username,
      url: `https://x.com/${data.data.username}`,
    };
  };
  const postUrl = (credentials: XCredentials, id: string): string =>
    `https://x.com/${credentials.username}/status/${id}`;

  const uploadImage = async (accessToken: string, item: MediaInput): Promise<string> => {
    const form = new FormData();
    form.append('media', imageBlob(item), 'image');
    form.append('media_category', 'tweet_image');
    const { data } = await http.request({
      method: 'POST',
      url: api('/2/media/upload'),
      body: form,
      accessToken,
      schema: mediaSchema,
      what: 'uploading an image',
    });
    await http.request({
      method: 'POST',
      url: api('/2/media/metadata'),
      body: { id: data.data.id, metadata: { alt_text: { text: item.altText.slice(0, 1000) } } },
      accessToken,
      schema: z.unknown(),
      what: 'adding alt text',
    });
    return data.data.id;
  };

  return {
    network: 'x',
    http,
    apiUrl: endpoints.apiUrl,
    withToken: call,
    authorize: {
      kind: 'oauth_accounts',
      start({ redirectUri }) {
        const secrets = newAuthorizationSecrets();
        return Promise.resolve({
          url: authorizeUrl(`${endpoints.loginUrl}/i/oauth2/authorize`, {
            response_type: 'code',
            client_id: client.clientId,
            redirect_uri: redirectUri,
            scope: X_SCOPES,
            state: secrets.state,
            code_challenge: secrets.codeChallenge,
            code_challenge_method: 'S256',
          }),
          state: secrets.state,
          codeVerifier: secrets.codeVerifier,
        });
      },
      async finish({ redirectUri, code, codeVerifier }) {
        const tokens = await requestTokens(http, {
          url: api('/2/oauth2/token'),
          params: {
            grant_type: 'authorization_code',
            code,
            redirect_uri: redirectUri,
            code_verifier: codeVerifier ?? '',
          },
          client,
          clientAuth: 'basic',
        });
        const account = await me(tokens.accessToken);
        return [
          {
            account,
            credentials: {
              userId: account.id,
              username: account.handle.slice(1),
              accessToken: tokens.accessToken,
              refreshToken: tokens.refreshToken,
              expiresAt: tokens.expiresAt,
            },
          },
        ];
      },
    },

    refresh,

    validate: (credentials, hooks) => call(credentials, hooks, (c) => me(c.accessToken)),

    limits: () => Promise.resolve(X_LIMITS),

    publish: (credentials, post, hooks) =>
      call(credentials, hooks, async (c): Promise<PublishedPost> => {
        const media = post.media ?? [];
        if (media.length > X_LIMITS.maxImages)
          throw rejected(`X allows at most ${X_LIMITS.maxImages} images per post.`);
        if (media.some((item) => item.altText.trim() === ''))
          throw rejected('Every image needs alt text.');
        const mediaIds: string[] = [];
        for (const item of media) mediaIds.push(await uploadImage(c.accessToken, item));
        const body: Record<string, unknown> = { text: post.text };
        if (mediaIds.length > 0) body.media = { media_ids: mediaIds };
        const { data } = await http.request({
          method: 'POST',
          url: api('/2/tweets'),
          body,
          accessToken: c.accessToken,
          schema: tweetSchema,
          what: 'publishing the post',
        });
        return { remoteId: data.data.id, url: postUrl(c, data.data.id) };
      }),

    findRecent: (credentials, query, hooks) =>
      call(credentials, hooks, async (c) => {
        const since = new Date(query.since.getTime() - 2 * 60 * 1000).toISOString();
        const { data } = await http.request({
          method: 'GET',
          url: api(
            `/2/users/${encodeURIComponent(c.userId)}/tweets?max_results=20&tweet.fields=created_at&start_time=${encodeURIComponent(since)}`,
          ),
          accessToken: c.accessToken,
          schema: timelineSchema,
          what: 'listing recent posts',
        });
        const match = findMatchingPost(data.data ?? [], {
          ...query,
          textOf: (t) => t.text,
          createdAt: (t) => t.created_at,
        });
        return match ? { remoteId: match.id, url: postUrl(c, match.id) } : undefined;
      }),

    delete: (credentials, remoteId, hooks) =>
      call(credentials, hooks, async (c) => {
        try {
          await http.request({
            method: 'DELETE',
            url: api(`/2/tweets/${encodeURIComponent(remoteId)}`),
            accessToken: c.accessToken,
            schema: z.unknown(),
            what: 'deleting the post',
          });
        } catch (error) {
          // Already gone counts as deleted.
          if (!(error instanceof ConnectorError && error.status === 404)) throw error;
        }
      }),

    fetchMetrics: (credentials, remoteId, hooks) =>
      call(credentials, hooks, async (c): Promise<PostMetrics> => {
        const { data } = await http.request({
          method: 'GET',
          url: api(`/2/tweets/${encodeURIComponent(remoteId)}?tweet.fields=public_metrics`),
          accessToken: c.accessToken,
          schema: metricsSchema,
          what: 'reading the post',
        });
        const m = data.data.public_metrics;
        return {
          likes: m?.like_count,
          reposts: m?.retweet_count,
          replies: m?.reply_count,
          quotes: m?.quote_count,
        };
      }),
  };
}

function rejected(reason: string): ConnectorError {
  return new ConnectorError({ network: 'x', kind: 'content_rejected', reason });
}
