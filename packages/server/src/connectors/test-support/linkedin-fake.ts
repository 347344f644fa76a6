import type { LinkedInCredentials } from '../linkedin/linkedin-credentials.js';
import { jsonBody, startFakeHttpServer, type FakeReply } from './fake-http-server.js';
import {
  FakeOAuth,
  FakeTokens,
  idSequence,
  type FakePost,
  type NetworkFake,
  type NetworkReplies,
} from './network-fake.js';

const ORGS = [
  { id: 5515715, localizedName: 'Main Street Clinic', vanityName: 'main-street-clinic' },
  { id: 5515716, localizedName: 'Main Street Dental', vanityName: 'main-street-dental' },
];

export const linkedInReplies: NetworkReplies = {
  expiredToken: () => ({
    status: 401,
    body: {
      status: 401,
      serviceErrorCode: 65602,
      code: 'EXPIRED_ACCESS_TOKEN',
      message: 'The token used in the request has expired',
    },
  }),
  rateLimited: (seconds) => ({
    status: 429,
    headers: { 'retry-after': String(seconds) },
    body: {
      status: 429,
      message:
        'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
    },
  }),
  rejected: (reason) => ({
    status: 422,
    headers: { 'x-restli-error-response': 'true' },
    body: {
      errorDetailType: 'com.linkedin.common.error.BadRequest',
      message: reason,
      errorDetails: { inputErrors: [{ description: reason, input: {}, code: 'INVALID_VALUE' }] },
      status: 422,
    },
  }),
  serverError: () => ({ status: 503, body: { status: 503, message: 'Service Unavailable' } }),
};

export interface LinkedInFake extends NetworkFake<LinkedInCredentials> {
  /** Adds a comment by someone else on a post (for the inbox's comment reads). */
  addComment(postUrn: string, text: string): string;
  /** Comments the fake received as replies: `to` is the comment URN. */
  receivedReplies(): { to: string; text: string }[];
}

/**
 * A contract fake of LinkedIn's versioned REST API (NETWORKS.md §3.3): every `/rest` call must
 * carry `LinkedIn-Version` and `X-Restli-Protocol-Version`; posts answer 201 with `x-restli-id`;
 * 422 DUPLICATE_POST; images through initializeUpload and a PUT; `EXPIRED_ACCESS_TOKEN` on 401.
 * Refresh tokens are issued only with `issuesRefreshTokens` (LinkedIn gives them to partners only).
 */
export async function startLinkedInFake(
  options: { latencyMs?: number; issuesRefreshTokens?: boolean } = {},
): Promise<LinkedInFake> {
  const tokens = new FakeTokens();
  const client = { clientId: 'li-client-id', clientSecret: 'li-client-secret-value' };
  const oauth = new FakeOAuth(client, tokens, false);
  const posts = new Map<string, FakePost>();
  const images = new Map<string, boolean>();
  const comments = new Map<string, { id: string; text: string; created: number }[]>();
  const nextId = idSequence(7_400_000_000_000_000_000);
  let created = 0;
  let baseUrl = '';
  const replies: { to: string; text: string }[] = [];

  const versionCheck = (
    headers: Record<string, string | string[] | undefined>,
  ): FakeReply | undefined => {
    if (!/^\d{6}$/.test(String(headers['linkedin-version'] ?? '')))
      return {
        status: 426,
        body: {
          status: 426,
          code: 'NONEXISTENT_VERSION',
          message: 'Requested version is not active',
        },
      };
    if (headers['x-restli-protocol-version'] !== '2.0.0')
      return {
        status: 400,
        body: { status: 400, message: 'X-Restli-Protocol-Version 2.0.0 is required' },
      };
    return undefined;
  };

  const server = await startFakeHttpServer(
    {
      'GET /oauth/v2/authorization': oauth.authorize,
      'POST /oauth/v2/accessToken': (request) => {
        const result = oauth.redeem(request);
        if ('error' in result)
          return {
            status: 400,
            body: {
              error: result.error,
              error_description: 'The token has been expired or revoked.',
            },
          };
        const body: Record<string, unknown> = {
          access_token: result.accessToken,
          expires_in: 5_184_000,
          scope: 'r_organization_social,w_organization_social',
        };
        if (options.issuesRefreshTokens)
          Object.assign(body, {
            refresh_token: result.refreshToken,
            refresh_token_expires_in: 31_536_000,
          });
        return { status: 200, body };
      },
      'GET /rest/organizationAcls': () => ({
        status: 200,
        body: {
          elements: ORGS.map((o) => ({
            organization: `urn:li:organization:${o.id}`,
            role: 'ADMINISTRATOR',
            state: 'APPROVED',
          })),
        },
      }),
      'GET /rest/organizations/:id': ({ params }) => {
        const org = ORGS.find((o) => String(o.id) === params.id);
        return org
          ? { status: 200, body: org }
          : { status: 404, body: { status: 404, message: 'Not Found' } };
      },
      'POST /rest/images': ({ query }) => {
        if (query.get('action') !== 'initializeUpload')
          return { status: 400, body: { status: 400, message: 'Unknown action' } };
        const id = nextId();
        images.set(`urn:li:image:${id}`, false);
        return {
          status: 200,
          body: {
            value: {
              uploadUrlExpiresAt: Date.now() + 3_600_000,
              uploadUrl: `${baseUrl}/upload/${id}`,
              image: `urn:li:image:${id}`,
            },
          },
        };
      },
      'PUT /upload/:id': ({ params, rawBody }) => {
        const urn = `urn:li:image:${params.id}`;
        if (!images.has(urn) || rawBody.length === 0)
          return { status: 400, body: { status: 400, message: 'Bad upload' } };
        images.set(urn, true);
        return { status: 201, body: '' };
      },
      'POST /rest/posts': (request) => {
        const input = jsonBody(request) as {
          author?: string;
          commentary?: string;
          content?: { media?: { id: string }; multiImage?: { images: { id: string }[] } };
        };
        const commentary = input.commentary ?? '';
        if (!ORGS.some((o) => `urn:li:organization:${o.id}` === input.author))
          return {
            status: 403,
            body: {
              status: 403,
              serviceErrorCode: 100,
              code: 'ACCESS_DENIED',
              message: 'Not enough permissions to post as this organization',
            },
          };
        if ([...commentary].length > 3000)
          return linkedInReplies.rejected('commentary is longer than 3000 characters');
        const used = input.content?.media
          ? [input.content.media]
          : (input.content?.multiImage?.images ?? []);
        if (used.some((i) => images.get(i.id) !== true))
          return linkedInReplies.rejected('The image has not been uploaded');
        const dupe = [...posts.values()].find((p) => p.text === commentary);
        if (dupe)
          return {
            status: 422,
            headers: { 'x-restli-error-response': 'true' },
            body: {
              errorDetailType: 'com.linkedin.common.error.BadRequest',
              message: `ERROR :: /commentary :: Content is a duplicate of ${dupe.id}`,
              errorDetails: {
                inputErrors: [
                  { description: 'Duplicate post is detected', input: {}, code: 'DUPLICATE_POST' },
                ],
              },
              status: 422,
            },
          };
        const id = `urn:li:share:${nextId()}`;
        posts.set(id, {
          id,
          text: commentary,
          createdAt: new Date().toISOString(),
          mediaCount: used.length,
        });
        created += 1;
        return {
          status: 201,
          headers: { 'x-restli-id': id, location: `/rest/posts/${encodeURIComponent(id)}` },
          body: '',
        };
      },
      'GET /rest/posts': ({ query }) => ({
        status: 200,
        body: {
          elements: [...posts.values()]
            .filter(() => query.get('author')?.startsWith('urn:li:organization:'))
            .reverse()
            .map((p) => ({
              id: p.id,
              commentary: p.text,
              createdAt: Date.parse(p.createdAt),
              lifecycleState: 'PUBLISHED',
            })),
        },
      }),
      'DELETE /rest/posts/:urn': ({ params }) =>
        posts.delete(params.urn ?? '')
          ? { status: 204 }
          : { status: 404, body: { status: 404, message: 'Not Found' } },
      'GET /rest/socialActions/:urn': ({ params }) =>
        posts.has(params.urn ?? '')
          ? {
              status: 200,
              body: {
                likesSummary: { totalLikes: 6 },
                commentsSummary: {
                  aggregatedTotalComments: (comments.get(params.urn ?? '') ?? []).length,
                },
              },
            }
          : { status: 404, body: { status: 404, message: 'Not Found' } },
      'POST /rest/socialActions/:urn/comments': (request) => {
        const input = jsonBody(request) as { actor?: string; message?: { text?: string } };
        if (!input.actor || !input.message?.text)
          return linkedInReplies.rejected('actor and message are required');
        const id = nextId();
        replies.push({ to: request.params.urn ?? '', text: input.message.text });
        return {
          status: 201,
          headers: { 'x-restli-id': `urn:li:comment:(${request.params.urn},${id})` },
          body: {
            id,
            $URN: `urn:li:comment:(${request.params.urn},${id})`,
            actor: input.actor,
            message: { text: input.message.text, attributes: [] },
          },
        };
      },
      'GET /rest/socialActions/:urn/comments': ({ params }) => ({
        status: 200,
        body: {
          elements: (comments.get(params.urn ?? '') ?? []).map((c) => ({
            id: c.id,
            $URN: `urn:li:comment:(${params.urn},${c.id})`,
            actor: 'urn:li:person:abc123',
            created: { actor: 'urn:li:person:abc123', time: c.created },
            message: { text: c.text, attributes: [] },
            object: params.urn,
          })),
          paging: { count: 10, start: 0 },
        },
      }),
    },
    {
      latencyMs: options.latencyMs,
      authorize: (request, route) => {
        if (route.startsWith('GET /oauth') || route.startsWith('POST /oauth')) return undefined;
        if (tokens.check(request.bearer) !== 'ok') return linkedInReplies.expiredToken();
        return route.includes(' /rest/') ? versionCheck(request.headers) : undefined;
      },
    },
  );
  baseUrl = server.baseUrl;

  const first = tokens.issue();
  return {
    ...server,
    network: 'linkedin',
    client,
    endpoints: { linkedinApiUrl: server.baseUrl, linkedinLoginUrl: server.baseUrl },
    credentials: {
      organizationUrn: `urn:li:organization:${ORGS[0]?.id}`,
      accessToken: first.accessToken,
      refreshToken: options.issuesRefreshTokens ? first.refreshToken : undefined,
      expiresAt: new Date(Date.now() + 5_184_000_000).toISOString(),
    },
    publishCount: () => created,
    posts: () => [...posts.values()],
    expireToken: () => tokens.expireAll(),
    denyConsent: () => oauth.deny(),
    publishRoute: 'POST /rest/posts',
    replies: linkedInReplies,
    receivedReplies: () => [...replies],
    addComment: (postUrn, text) => {
      const id = nextId();
      comments.set(postUrn, [...(comments.get(postUrn) ?? []), { id, text, created: Date.now() }]);
      return id;
    },
  };
}
