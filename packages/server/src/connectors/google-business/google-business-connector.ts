import { z } from 'zod';
import type {
  AccountInfo,
  CallHooks,
  Connector,
  NetworkLimits,
  OAuthAccountsAuthorization,
  PostMetrics,
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
import {
  GOOGLE_BUSINESS_SCOPE,
  v4LocationPath,
  type GoogleBusinessCredentials,
} from './google-credentials.js';
import { googleError } from './google-errors.js';

export type GoogleBusinessAuthorization = OAuthAccountsAuthorization<
  OAuthStartOptions,
  OAuthFinishOptions,
  GoogleBusinessCredentials
>;
export type GoogleBusinessConnector = Connector<
  GoogleBusinessCredentials,
  GoogleBusinessAuthorization
> & {
  http: NetworkHttp;
  /** Runs a call with a fresh access token (the inbox's review reads use it too). */
  withToken<T>(
    credentials: GoogleBusinessCredentials,
    hooks: CallHooks<GoogleBusinessCredentials> | undefined,
    run: (c: GoogleBusinessCredentials) => Promise<T>,
  ): Promise<T>;
  v4(path: string): string;
};

export const GOOGLE_BUSINESS_LIMITS: NetworkLimits = {
  maxCharacters: 1500,
  counting: 'code_points',
  maxImages: 1,
  maxImageBytes: 5 * 1024 * 1024,
  imageMimeTypes: ['image/jpeg', 'image/png'],
};

const accountsSchema = z.object({
  accounts: z
    .array(z.object({ name: z.string().min(1), accountName: z.string().optional() }))
    .optional(),
});
const locationSchema = z.object({
  name: z.string().min(1),
  title: z.string(),
  metadata: z.object({ mapsUri: z.string().optional() }).optional(),
});
const locationsSchema = z.object({ locations: z.array(locationSchema).optional() });
const localPostSchema = z.object({
  name: z.string().min(1),
  summary: z.string().optional(),
  state: z.string().optional(),
  searchUrl: z.string().optional(),
  createTime: z.string().optional(),
});
const localPostsSchema = z.object({ localPosts: z.array(localPostSchema).optional() });

/**
 * The Google Business Profile connector: Google OAuth (offline, PKCE), then the person picks a
 * location among their accounts'; posts are v4 "local posts" (`STANDARD`, with one photo from a
 * public URL). Google offers no per-post counts any more, so `fetchMetrics` says "unknown".
 */
export function createGoogleBusinessConnector(
  options: NetworkConnectorOptions<NetworkEndpoints['google']>,
): GoogleBusinessConnector {
  const { endpoints, client } = options;
  const http = createNetworkHttp({
    network: 'gbp',
    fetch: fetchWithTimeout(options.timeoutMs ?? 15_000, options.fetch),
    toError: googleError,
    secrets: [client.clientSecret],
  });
  const v4 = (path: string): string => `${endpoints.myBusinessUrl}/v4/${path}`;
  const tokenUrl = `${endpoints.tokenUrl}/token`;

  const refresh = async (
    credentials: GoogleBusinessCredentials,
  ): Promise<GoogleBusinessCredentials> => {
    if (!credentials.refreshToken)
      throw new ConnectorError({
        network: 'gbp',
        kind: 'reconnect_needed',
        reason: 'The Google connection has expired; reconnect the location.',
      });
    const tokens = await requestTokens(http, {
      url: tokenUrl,
      params: { grant_type: 'refresh_token', refresh_token: credentials.refreshToken },
      client,
      clientAuth: 'body',
    });
    return { ...credentials, accessToken: tokens.accessToken, expiresAt: tokens.expiresAt };
  };
  const withToken = <T>(
    credentials: GoogleBusinessCredentials,
    hooks: CallHooks<GoogleBusinessCredentials> | undefined,
    run: (c: GoogleBusinessCredentials) => Promise<T>,
  ): Promise<T> => withFreshToken({ credentials, hooks, refresh, run });

  const toAccount = (
    accountName: string,
    location: z.infer<typeof locationSchema>,
  ): AccountInfo => ({
    id: `${accountName}/${location.name}`,
    handle: location.title,
    displayName: location.title,
    url: location.metadata?.mapsUri,
  });

  return {
    network: 'gbp',
    http,
    withToken,
    v4,
    authorize: {
      kind: 'oauth_accounts',
      start({ redirectUri }) {
        const secrets = newAuthorizationSecrets();
        return Promise.resolve({
          url: authorizeUrl(`${endpoints.loginUrl}/o/oauth2/v2/auth`, {
            client_id: client.clientId,
            redirect_uri: redirectUri,
            response_type: 'code',
            scope: GOOGLE_BUSINESS_SCOPE,
            access_type: 'offline',
            prompt: 'consent',
            state: secrets.state,
            code_challenge: secrets.codeChallenge,
            code_challenge_method: 'S256',
          }),
          state: secrets.state,
          codeVerifier: secrets.codeVerifier,
        });
      },
      async finish({ redirectUri, code, codeVerifier }) {
        const params: Record<string, string> = {
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
        };
        if (codeVerifier) params.code_verifier = codeVerifier;
        const tokens = await requestTokens(http, {
          url: tokenUrl,
          params,
          client,
          clientAuth: 'body',
        });
        const { data } = await http.request({
          method: 'GET',
          url: `${endpoints.accountManagementUrl}/v1/accounts`,
          accessToken: tokens.accessToken,
          schema: accountsSchema,
          what: 'listing your business accounts',
        });
        const found = [];
        for (const account of data.accounts ?? []) {
          const { data: list } = await http.request({
            method: 'GET',
            url: `${endpoints.businessInformationUrl}/v1/${account.name}/locations?readMask=name,title,metadata&pageSize=100`,
            accessToken: tokens.accessToken,
            schema: locationsSchema,
            what: 'listing your locations',
          });
          for (const location of list.locations ?? [])
            found.push({
              account: toAccount(account.name, location),
              credentials: {
                accountName: account.name,
                locationName: location.name,
                accessToken: tokens.accessToken,
                refreshToken: tokens.refreshToken,
                expiresAt: tokens.expiresAt,
              },
            });
        }
        return found;
      },
    },

    refresh,

    validate: (credentials, hooks) =>
      withToken(credentials, hooks, async (c) => {
        const { data } = await http.request({
          method: 'GET',
          url: `${endpoints.businessInformationUrl}/v1/${c.locationName}?readMask=name,title,metadata`,
          accessToken: c.accessToken,
          schema: locationSchema,
          what: 'checking the location',
        });
        return toAccount(c.accountName, data);
      }),

    limits: () => Promise.resolve(GOOGLE_BUSINESS_LIMITS),

    publish: (credentials, post, hooks) =>
      withToken(credentials, hooks, async (c) => {
        const media = post.media ?? [];
        if (media.length > GOOGLE_BUSINESS_LIMITS.maxImages)
          throw rejected('Google Business Profile posts take one image.');
        if (media.some((item) => !item.publicUrl))
          throw rejected('Google fetches images from a public address, and this image has none.');
        const body: Record<string, unknown> = {
          languageCode: 'en-US',
          summary: post.text,
          topicType: 'STANDARD',
        };
        if (media.length > 0)
          body.media = media.map((item) => ({ mediaFormat: 'PHOTO', sourceUrl: item.publicUrl }));
        const { data } = await http
          .request({
            method: 'POST',
            url: v4(`${v4LocationPath(c)}/localPosts`),
            body,
            accessToken: c.accessToken,
            schema: localPostSchema,
            what: 'publishing the post',
          })
          .catch((error: unknown) => {
            throw media.length > 0 ? downloadRefusal(error) : error;
          });
        if (data.state === 'REJECTED') {
          // Google keeps rejected posts around; remove it so a fixed post does not sit beside it.
          await http
            .request({
              method: 'DELETE',
              url: v4(data.name),
              accessToken: c.accessToken,
              schema: z.unknown(),
              what: 'removing the rejected post',
            })
            .catch(() => undefined);
          throw rejected('Google rejected the post under its content policies.');
        }
        return { remoteId: data.name, url: data.searchUrl };
      }),

    findRecent: (credentials, query, hooks) =>
      withToken(credentials, hooks, async (c) => {
        const { data } = await http.request({
          method: 'GET',
          url: v4(`${v4LocationPath(c)}/localPosts?pageSize=20`),
          accessToken: c.accessToken,
          schema: localPostsSchema,
          what: 'listing recent posts',
        });
        const match = findMatchingPost(data.localPosts ?? [], {
          ...query,
          textOf: (p) => p.summary ?? '',
          createdAt: (p) => p.createTime ?? 0,
        });
        return match ? { remoteId: match.name, url: match.searchUrl } : undefined;
      }),

    delete: (credentials, remoteId, hooks) =>
      withToken(credentials, hooks, async (c) => {
        if (!remoteId.startsWith(`${v4LocationPath(c)}/localPosts/`) || remoteId.includes('..'))
          throw rejected('This is not a post of the connected location.');
        try {
          await http.request({
            method: 'DELETE',
            url: v4(remoteId),
            accessToken: c.accessToken,
            schema: z.unknown(),
            what: 'deleting the post',
          });
        } catch (error) {
          if (!(error instanceof ConnectorError && error.status === 404)) throw error;
        }
      }),

    fetchMetrics: (): Promise<PostMetrics> =>
      Promise.resolve({
        likes: undefined,
        reposts: undefined,
        replies: undefined,
        quotes: undefined,
      }),
  };
}

function rejected(reason: string): ConnectorError {
  return new ConnectorError({ network: 'gbp', kind: 'content_rejected', reason });
}

/**
 * Google downloads each `media[].sourceUrl` when the local post is created and refuses the post
 * (INVALID_ARGUMENT) when it cannot. Said plainly with the fix: the usual cause is Bedside's media
 * address not being reachable from the internet.
 */
function downloadRefusal(error: unknown): unknown {
  if (
    !(error instanceof ConnectorError) ||
    error.kind !== 'content_rejected' ||
    !/source_?url|fetched|download/i.test(error.reason)
  )
    return error;
  return new ConnectorError({
    network: 'gbp',
    kind: 'content_rejected',
    status: error.status,
    reason: `Google could not download the image from Bedside: ${error.reason} Bedside's media address (BEDSIDE_MEDIA_PUBLIC_URL) must be reachable from the internet.`,
  });
}
