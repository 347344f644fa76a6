import { z } from 'zod';
import type {
  AccountInfo,
  CallHooks,
  Connector,
  MediaInput,
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
  escapeLittleText,
  LINKEDIN_SCOPES,
  type LinkedInCredentials,
} from './linkedin-credentials.js';
import { linkedInError } from './linkedin-errors.js';

export type LinkedInAuthorization = OAuthAccountsAuthorization<
  OAuthStartOptions,
  OAuthFinishOptions,
  LinkedInCredentials
>;
export type LinkedInConnector = Connector<LinkedInCredentials, LinkedInAuthorization> & {
  http: NetworkHttp;
  /** Headers every versioned REST call carries. */
  restHeaders: Record<string, string>;
  rest(path: string): string;
  /** Runs a call with a fresh access token (the inbox's comment reads use it too). */
  withToken<T>(
    credentials: LinkedInCredentials,
    hooks: CallHooks<LinkedInCredentials> | undefined,
    run: (c: LinkedInCredentials) => Promise<T>,
  ): Promise<T>;
};

export const LINKEDIN_LIMITS: NetworkLimits = {
  maxCharacters: 3000,
  counting: 'code_points',
  maxImages: 20,
  maxImageBytes: 8 * 1024 * 1024,
  imageMimeTypes: ['image/jpeg', 'image/png', 'image/gif'],
};

const organizationSchema = z.object({
  id: z.coerce.string(),
  localizedName: z.string(),
  vanityName: z.string().optional(),
});
const aclsSchema = z.object({
  elements: z.array(z.object({ organization: z.string(), state: z.string().optional() })),
});
const uploadSchema = z.object({
  value: z.object({ uploadUrl: z.string().url(), image: z.string().min(1) }),
});
const postsSchema = z.object({
  elements: z.array(
    z.object({ id: z.string(), commentary: z.string().optional(), createdAt: z.number() }),
  ),
});
const socialSchema = z.object({
  likesSummary: z.object({ totalLikes: z.number() }).optional(),
  commentsSummary: z.object({ aggregatedTotalComments: z.number() }).optional(),
});

/**
 * The LinkedIn organization-page connector (versioned REST: `LinkedIn-Version`,
 * `X-Restli-Protocol-Version: 2.0.0`, `/rest/posts`, images through `/rest/images`).
 * The text is escaped for LinkedIn's "little text" format.
 */
export function createLinkedInConnector(
  options: NetworkConnectorOptions<NetworkEndpoints['linkedin']>,
): LinkedInConnector {
  const { endpoints, client } = options;
  const http = createNetworkHttp({
    network: 'linkedin',
    fetch: fetchWithTimeout(options.timeoutMs ?? 15_000, options.fetch),
    toError: linkedInError,
    secrets: [client.clientSecret],
  });
  const restHeaders = {
    'linkedin-version': endpoints.apiVersion,
    'x-restli-protocol-version': '2.0.0',
  };
  const rest = (path: string): string => `${endpoints.apiUrl}/rest${path}`;
  const tokenUrl = `${endpoints.loginUrl}/oauth/v2/accessToken`;
  const orgId = (urn: string): string => urn.split(':').pop() ?? urn;
  const postUrl = (urn: string): string => `https://www.linkedin.com/feed/update/${urn}/`;

  const readOrganization = async (accessToken: string, urn: string): Promise<AccountInfo> => {
    const { data } = await http.request({
      method: 'GET',
      url: rest(`/organizations/${encodeURIComponent(orgId(urn))}`),
      headers: restHeaders,
      accessToken,
      schema: organizationSchema,
      what: 'checking the page',
    });
    return {
      id: `urn:li:organization:${data.id}`,
      handle: data.vanityName ?? data.localizedName,
      displayName: data.localizedName,
      url: data.vanityName ? `https://www.linkedin.com/company/${data.vanityName}/` : undefined,
    };
  };

  const refresh = async (credentials: LinkedInCredentials): Promise<LinkedInCredentials> => {
    if (!credentials.refreshToken)
      throw new ConnectorError({
        network: 'linkedin',
        kind: 'reconnect_needed',
        reason: 'The LinkedIn connection has expired (they last 60 days); reconnect the page.',
      });
    const tokens = await requestTokens(http, {
      url: tokenUrl,
      params: { grant_type: 'refresh_token', refresh_token: credentials.refreshToken },
      client,
      clientAuth: 'body',
    });
    return {
      ...credentials,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken ?? credentials.refreshToken,
      expiresAt: tokens.expiresAt,
    };
  };
  const call = <T>(
    credentials: LinkedInCredentials,
    hooks: CallHooks<LinkedInCredentials> | undefined,
    run: (c: LinkedInCredentials) => Promise<T>,
  ): Promise<T> => withFreshToken({ credentials, hooks, refresh, run });

  const uploadImage = async (
    credentials: LinkedInCredentials,
    item: MediaInput,
  ): Promise<string> => {
    const { data } = await http.request({
      method: 'POST',
      url: rest('/images?action=initializeUpload'),
      headers: restHeaders,
      body: { initializeUploadRequest: { owner: credentials.organizationUrn } },
      accessToken: credentials.accessToken,
      schema: uploadSchema,
      what: 'preparing an image upload',
    });
    await http.request({
      method: 'PUT',
      url: data.value.uploadUrl,
      headers: { 'content-type': item.mimeType },
      body: item.bytes,
      accessToken: credentials.accessToken,
      schema: z.unknown(),
      what: 'uploading an image',
    });
    return data.value.image;
  };

  return {
    network: 'linkedin',
    http,
    restHeaders,
    rest,
    withToken: call,
    authorize: {
      kind: 'oauth_accounts',
      start({ redirectUri }) {
        const secrets = newAuthorizationSecrets();
        return Promise.resolve({
          url: authorizeUrl(`${endpoints.loginUrl}/oauth/v2/authorization`, {
            response_type: 'code',
            client_id: client.clientId,
            redirect_uri: redirectUri,
            state: secrets.state,
            scope: LINKEDIN_SCOPES,
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
          url: rest('/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED'),
          headers: restHeaders,
          accessToken: tokens.accessToken,
          schema: aclsSchema,
          what: 'listing your pages',
        });
        const accounts = [];
        for (const acl of data.elements) {
          const account = await readOrganization(tokens.accessToken, acl.organization);
          accounts.push({
            account,
            credentials: {
              organizationUrn: account.id,
              accessToken: tokens.accessToken,
              refreshToken: tokens.refreshToken,
              expiresAt: tokens.expiresAt,
            },
          });
        }
        return accounts;
      },
    },

    refresh,

    validate: (credentials, hooks) =>
      call(credentials, hooks, (c) => readOrganization(c.accessToken, c.organizationUrn)),

    limits: () => Promise.resolve(LINKEDIN_LIMITS),

    publish: (credentials, post, hooks) =>
      call(credentials, hooks, async (c) => {
        const media = post.media ?? [];
        if (media.length > LINKEDIN_LIMITS.maxImages)
          throw rejected(`LinkedIn allows at most ${LINKEDIN_LIMITS.maxImages} images per post.`);
        if (media.some((item) => item.altText.trim() === ''))
          throw rejected('Every image needs alt text.');
        const images: { id: string; altText: string }[] = [];
        for (const item of media)
          images.push({ id: await uploadImage(c, item), altText: item.altText });
        const body: Record<string, unknown> = {
          author: c.organizationUrn,
          commentary: escapeLittleText(post.text),
          visibility: 'PUBLIC',
          distribution: {
            feedDistribution: 'MAIN_FEED',
            targetEntities: [],
            thirdPartyDistributionChannels: [],
          },
          lifecycleState: 'PUBLISHED',
          isReshareDisabledByAuthor: false,
        };
        const [only] = images;
        if (images.length === 1 && only) body.content = { media: only };
        else if (images.length > 1) body.content = { multiImage: { images } };
        const response = await http.request({
          method: 'POST',
          url: rest('/posts'),
          headers: restHeaders,
          body,
          accessToken: c.accessToken,
          schema: z.unknown(),
          what: 'publishing the post',
        });
        const urn = response.headers.get('x-restli-id');
        if (!urn)
          throw new ConnectorError({
            network: 'linkedin',
            kind: 'transient',
            status: response.status,
            reason: 'LinkedIn did not say which post it created.',
          });
        return { remoteId: urn, url: postUrl(urn) };
      }),

    findRecent: (credentials, query, hooks) =>
      call(credentials, hooks, async (c) => {
        const { data } = await http.request({
          method: 'GET',
          url: rest(
            `/posts?q=author&author=${encodeURIComponent(c.organizationUrn)}&count=20&sortBy=LAST_MODIFIED`,
          ),
          headers: restHeaders,
          accessToken: c.accessToken,
          schema: postsSchema,
          what: 'listing recent posts',
        });
        const match = findMatchingPost(data.elements, {
          ...query,
          textOf: (p) => p.commentary ?? '',
          createdAt: (p) => p.createdAt,
        });
        return match ? { remoteId: match.id, url: postUrl(match.id) } : undefined;
      }),

    delete: (credentials, remoteId, hooks) =>
      call(credentials, hooks, async (c) => {
        try {
          await http.request({
            method: 'DELETE',
            url: rest(`/posts/${encodeURIComponent(remoteId)}`),
            headers: restHeaders,
            accessToken: c.accessToken,
            schema: z.unknown(),
            what: 'deleting the post',
          });
        } catch (error) {
          if (!(error instanceof ConnectorError && (error.status === 404 || error.status === 410)))
            throw error;
        }
      }),

    fetchMetrics: (credentials, remoteId, hooks) =>
      call(credentials, hooks, async (c): Promise<PostMetrics> => {
        const { data } = await http.request({
          method: 'GET',
          url: rest(`/socialActions/${encodeURIComponent(remoteId)}`),
          headers: restHeaders,
          accessToken: c.accessToken,
          schema: socialSchema,
          what: 'reading the post',
        });
        return {
          likes: data.likesSummary?.totalLikes,
          reposts: undefined,
          replies: data.commentsSummary?.aggregatedTotalComments,
          quotes: undefined,
        };
      }),
  };
}

function rejected(reason: string): ConnectorError {
  return new ConnectorError({ network: 'linkedin', kind: 'content_rejected', reason });
}
