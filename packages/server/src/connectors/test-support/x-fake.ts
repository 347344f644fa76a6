import { randomBytes } from 'node:crypto';
import type { XCredentials } from '../x/x-credentials.js';
import { jsonBody, startFakeHttpServer, type FakeReply } from './fake-http-server.js';
import {
  FakeOAuth,
  FakeTokens,
  idSequence,
  tokenReply,
  type FakePost,
  type NetworkFake,
  type NetworkReplies,
} from './network-fake.js';

export interface XFake extends NetworkFake<XCredentials> {
  /** Adds a post by someone else mentioning the account (for the inbox's mention reads). */
  addMention(text: string, author?: string): string;
}

const TITLES: Record<number, string> = {
  400: 'Invalid Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found Error',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

const USER = { id: '2244994945', username: 'mainstclinic', name: 'Main Street Clinic' };

const problem = (status: number, detail: string, type = 'about:blank'): FakeReply => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  body: { title: TITLES[status] ?? 'Error', detail, type, status },
});

export const xReplies: NetworkReplies = {
  expiredToken: () => problem(401, 'Unauthorized'),
  rateLimited: (seconds) => ({
    ...problem(429, 'Too Many Requests'),
    headers: {
      'x-rate-limit-limit': '100',
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + seconds),
    },
  }),
  rejected: (reason) => problem(403, reason),
  serverError: () => problem(503, 'Service Unavailable'),
};

/**
 * A contract fake of X API v2 (NETWORKS.md §3.4): OAuth 2 with PKCE and rotating refresh tokens,
 * `POST /2/tweets` (201 `{data:{id,text}}`, 403 on duplicate text, 400 `invalid-request` over
 * 280), media upload and alt text, timelines, metrics, mentions, delete; problem+json errors
 * and `x-rate-limit-*` headers.
 */
export async function startXFake(options: { latencyMs?: number } = {}): Promise<XFake> {
  const tokens = new FakeTokens();
  const client = { clientId: 'x-client-id', clientSecret: 'x-client-secret-value' };
  const oauth = new FakeOAuth(client, tokens, true);
  const posts = new Map<string, FakePost>();
  const mentions: { id: string; text: string; author_id: string; created_at: string }[] = [];
  const media = new Set<string>();
  const nextId = idSequence(1_800_000_000_000_000_000);
  let created = 0;

  const server = await startFakeHttpServer(
    {
      'GET /i/oauth2/authorize': oauth.authorize,
      'POST /2/oauth2/token': (request) => tokenReply(oauth.redeem(request), 7200),
      'GET /2/users/me': () => ({ status: 200, body: { data: USER } }),
      'POST /2/media/upload': (request) => {
        if (!request.rawBody.includes(Buffer.from('name="media"')))
          return problem(400, 'media is required', 'https://api.x.com/2/problems/invalid-request');
        const id = nextId();
        media.add(id);
        return {
          status: 200,
          body: { data: { id, media_key: `3_${id}`, size: request.rawBody.length } },
        };
      },
      'POST /2/media/metadata': (request) => {
        const id = String(jsonBody(request).id ?? '');
        return media.has(id)
          ? { status: 200, body: { data: { associated_metadata: true } } }
          : problem(400, 'Unknown media id', 'https://api.x.com/2/problems/invalid-request');
      },
      'POST /2/tweets': (request) => {
        const input = jsonBody(request) as { text?: string; media?: { media_ids?: string[] } };
        const text = input.text ?? '';
        const ids = input.media?.media_ids ?? [];
        if (text.trim() === '' && ids.length === 0)
          return {
            ...problem(
              400,
              'One or more parameters to your request was invalid.',
              'https://api.x.com/2/problems/invalid-request',
            ),
            body: {
              errors: [{ message: 'Tweet text or media is required.' }],
              title: 'Invalid Request',
              detail: 'One or more parameters to your request was invalid.',
              type: 'https://api.x.com/2/problems/invalid-request',
            },
          };
        if ([...text].length > 280)
          return {
            status: 400,
            body: {
              errors: [{ message: 'Tweet text is too long.' }],
              title: 'Invalid Request',
              detail: 'One or more parameters to your request was invalid.',
              type: 'https://api.x.com/2/problems/invalid-request',
            },
          };
        if ([...posts.values()].some((p) => p.text === text))
          return problem(403, 'You are not allowed to create a Tweet with duplicate content.');
        if (ids.some((id) => !media.has(id)))
          return problem(
            400,
            'Your media IDs are invalid.',
            'https://api.x.com/2/problems/invalid-request',
          );
        const post = {
          id: nextId(),
          text,
          createdAt: new Date().toISOString(),
          mediaCount: ids.length,
        };
        posts.set(post.id, post);
        created += 1;
        return {
          status: 201,
          headers: {
            location: `https://api.x.com/2/tweets/${post.id}`,
            'x-rate-limit-limit': '100',
            'x-rate-limit-remaining': '99',
            'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 900),
          },
          body: { data: { id: post.id, text, edit_history_tweet_ids: [post.id] } },
        };
      },
      'GET /2/tweets/:id': ({ params }) => {
        const post = posts.get(params.id ?? '');
        return post
          ? {
              status: 200,
              body: {
                data: {
                  id: post.id,
                  text: post.text,
                  public_metrics: {
                    like_count: 4,
                    retweet_count: 1,
                    reply_count: 2,
                    quote_count: 0,
                  },
                },
              },
            }
          : problem(
              404,
              `Could not find tweet with id: [${params.id}].`,
              'https://api.x.com/2/problems/resource-not-found',
            );
      },
      'DELETE /2/tweets/:id': ({ params }) => {
        if (!posts.delete(params.id ?? ''))
          return problem(
            404,
            'Could not find tweet.',
            'https://api.x.com/2/problems/resource-not-found',
          );
        return { status: 200, body: { data: { deleted: true } } };
      },
      'GET /2/users/:id/tweets': ({ query }) => {
        const start = Date.parse(query.get('start_time') ?? '') || 0;
        const data = [...posts.values()]
          .filter((p) => Date.parse(p.createdAt) >= start)
          .reverse()
          .map((p) => ({ id: p.id, text: p.text, created_at: p.createdAt }));
        return { status: 200, body: { data, meta: { result_count: data.length } } };
      },
      'GET /2/users/:id/mentions': ({ query }) => {
        const sinceId = query.get('since_id');
        const data = mentions
          .filter((m) => !sinceId || BigInt(m.id) > BigInt(sinceId))
          .slice()
          .reverse();
        return {
          status: 200,
          body: {
            data,
            includes: {
              users: [...new Set(data.map((m) => m.author_id))].map((id) => ({
                id,
                username: `user${id}`,
                name: `User ${id}`,
              })),
            },
            meta: { result_count: data.length, newest_id: data[0]?.id, oldest_id: data.at(-1)?.id },
          },
        };
      },
    },
    {
      latencyMs: options.latencyMs,
      authorize: (request, route) => {
        if (route === 'GET /i/oauth2/authorize' || route === 'POST /2/oauth2/token')
          return undefined;
        return tokens.check(request.bearer) === 'ok' ? undefined : xReplies.expiredToken();
      },
    },
  );

  const first = tokens.issue();
  return {
    ...server,
    network: 'x',
    client,
    endpoints: { xApiUrl: server.baseUrl, xLoginUrl: server.baseUrl },
    credentials: {
      userId: USER.id,
      username: USER.username,
      accessToken: first.accessToken,
      refreshToken: first.refreshToken,
      expiresAt: new Date(Date.now() + 7_200_000).toISOString(),
    },
    publishCount: () => created,
    posts: () => [...posts.values()],
    expireToken: () => tokens.expireAll(),
    denyConsent: () => oauth.deny(),
    publishRoute: 'POST /2/tweets',
    replies: xReplies,
    addMention: (text, author = '1234') => {
      const id = nextId();
      mentions.push({ id, text, author_id: author, created_at: new Date().toISOString() });
      return id;
    },
  };
}

/** A random suffix, so parallel tests do not post duplicate text. */
export function uniqueText(prefix: string): string {
  return `${prefix} ${randomBytes(3).toString('hex')}`;
}
