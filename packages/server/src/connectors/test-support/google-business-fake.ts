import type { GoogleBusinessCredentials } from '../google-business/google-credentials.js';
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
import { fetchLikeANetwork, type NetworkMediaFetch } from './network-media-fetch.js';

const ACCOUNT = 'accounts/108000000000000000001';
const LOCATIONS = [
  {
    name: 'locations/9001',
    title: 'Main Street Clinic',
    metadata: { mapsUri: 'https://maps.google.com/?cid=9001' },
  },
  {
    name: 'locations/9002',
    title: 'Main Street Clinic Eastside',
    metadata: { mapsUri: 'https://maps.google.com/?cid=9002' },
  },
];

const googleError = (code: number, status: string, message: string): FakeReply => ({
  status: code,
  body: { error: { code, message, status } },
});

export const googleReplies: NetworkReplies = {
  expiredToken: () =>
    googleError(
      401,
      'UNAUTHENTICATED',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    ),
  rateLimited: (seconds) => ({
    ...googleError(
      429,
      'RESOURCE_EXHAUSTED',
      "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute'.",
    ),
    headers: { 'retry-after': String(seconds) },
  }),
  rejected: (reason) => googleError(400, 'INVALID_ARGUMENT', reason),
  serverError: () => googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.'),
};

/** A review as the fake keeps it (v4 Review shape). */
export interface FakeReview {
  reviewId: string;
  starRating: 'ONE' | 'TWO' | 'THREE' | 'FOUR' | 'FIVE';
  comment: string;
  reviewer: string;
  updateTime: string;
  reply?: { comment: string; updateTime: string };
}

export interface GoogleBusinessFake extends NetworkFake<GoogleBusinessCredentials> {
  addReview(review: Omit<FakeReview, 'reviewId' | 'updateTime'>): string;
  reviews(): FakeReview[];
  /** The photos the fake downloaded from `media[].sourceUrl`, as Google would (bytes included). */
  mediaFetches(): NetworkMediaFetch[];
}

/**
 * A contract fake of the Google Business Profile APIs (NETWORKS.md §3.5): Google OAuth with
 * offline refresh, account management and business information (v1) for choosing a location,
 * and the v4 local posts and reviews (`updateReply` is `PUT …/reply`). Google error envelopes.
 * A local post's photos are downloaded from their `sourceUrl` when it is created; one that cannot
 * be fetched, or is not a 200 image, refuses the post with INVALID_ARGUMENT.
 */
export async function startGoogleBusinessFake(
  options: { latencyMs?: number } = {},
): Promise<GoogleBusinessFake> {
  const tokens = new FakeTokens();
  const client = {
    clientId: 'gbp-client.apps.googleusercontent.com',
    clientSecret: 'gbp-client-secret-value',
  };
  const oauth = new FakeOAuth(client, tokens, false);
  const posts = new Map<string, FakePost>();
  const reviews = new Map<string, FakeReview>();
  const nextId = idSequence(500_000);
  let created = 0;
  const mediaFetches: NetworkMediaFetch[] = [];
  const locationPath = (p: Record<string, string>): string => `accounts/${p.a}/locations/${p.l}`;
  const known = (p: Record<string, string>): boolean =>
    `accounts/${p.a}` === ACCOUNT && LOCATIONS.some((l) => l.name === `locations/${p.l}`);
  const notFound = googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
  const reviewJson = (path: string, r: FakeReview) => ({
    name: `${path}/reviews/${r.reviewId}`,
    reviewId: r.reviewId,
    reviewer: { displayName: r.reviewer, isAnonymous: false },
    starRating: r.starRating,
    comment: r.comment,
    createTime: r.updateTime,
    updateTime: r.updateTime,
    reviewReply: r.reply,
  });

  const server = await startFakeHttpServer(
    {
      'GET /o/oauth2/v2/auth': oauth.authorize,
      'POST /token': (request) => tokenReply(oauth.redeem(request), 3599),
      'GET /v1/accounts': () => ({
        status: 200,
        body: {
          accounts: [
            { name: ACCOUNT, accountName: 'Main Street Clinic Group', type: 'LOCATION_GROUP' },
          ],
        },
      }),
      'GET /v1/accounts/:a/locations': ({ params, query }) => {
        if (`accounts/${params.a}` !== ACCOUNT) return notFound;
        if (!query.get('readMask'))
          return googleError(
            400,
            'INVALID_ARGUMENT',
            "Request contains an invalid argument: 'read_mask' is required.",
          );
        return { status: 200, body: { locations: LOCATIONS } };
      },
      'GET /v1/locations/:l': ({ params }) => {
        const location = LOCATIONS.find((l) => l.name === `locations/${params.l}`);
        return location ? { status: 200, body: location } : notFound;
      },
      'POST /v4/accounts/:a/locations/:l/localPosts': async (request) => {
        if (!known(request.params)) return notFound;
        const input = jsonBody(request) as {
          summary?: string;
          topicType?: string;
          media?: { sourceUrl?: string }[];
        };
        const summary = input.summary ?? '';
        if (!summary.trim())
          return googleError(
            400,
            'INVALID_ARGUMENT',
            'Request contains an invalid argument: summary is required.',
          );
        if ([...summary].length > 1500)
          return googleError(
            400,
            'INVALID_ARGUMENT',
            'Request contains an invalid argument: summary is longer than 1500 characters.',
          );
        if (input.topicType !== 'STANDARD')
          return googleError(
            400,
            'INVALID_ARGUMENT',
            'Request contains an invalid argument: topic_type.',
          );
        for (const [index, item] of (input.media ?? []).entries()) {
          const photo = await fetchLikeANetwork(item.sourceUrl ?? '');
          mediaFetches.push(photo);
          if (!photo.ok)
            return googleError(
              400,
              'INVALID_ARGUMENT',
              `Request contains an invalid argument: media[${index}].source_url could not be fetched (${photo.reason}).`,
            );
        }
        const name = `${locationPath(request.params)}/localPosts/${nextId()}`;
        const post = {
          id: name,
          text: summary,
          createdAt: new Date().toISOString(),
          mediaCount: input.media?.length ?? 0,
        };
        posts.set(name, post);
        created += 1;
        return {
          status: 200,
          body: {
            name,
            summary,
            topicType: 'STANDARD',
            state: 'LIVE',
            createTime: post.createdAt,
            searchUrl: `https://local.google.com/place?id=${request.params.l}&use=posts&lpsid=${name.split('/').pop()}`,
          },
        };
      },
      'GET /v4/accounts/:a/locations/:l/localPosts': ({ params }) => ({
        status: 200,
        body: {
          localPosts: [...posts.values()]
            .filter((p) => p.id.startsWith(locationPath(params)))
            .reverse()
            .map((p) => ({ name: p.id, summary: p.text, state: 'LIVE', createTime: p.createdAt })),
        },
      }),
      'DELETE /v4/accounts/:a/locations/:l/localPosts/:p': ({ params }) =>
        posts.delete(`${locationPath(params)}/localPosts/${params.p}`)
          ? { status: 200, body: {} }
          : notFound,
      'GET /v4/accounts/:a/locations/:l/reviews': ({ params, query }) => {
        if (!known(params)) return notFound;
        const size = Math.min(Number(query.get('pageSize') ?? 50) || 50, 50);
        const start = Number(query.get('pageToken') ?? 0) || 0;
        const all = [...reviews.values()].sort((a, b) => b.updateTime.localeCompare(a.updateTime));
        const page = all.slice(start, start + size);
        const ratings = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 };
        return {
          status: 200,
          body: {
            reviews: page.map((r) => reviewJson(locationPath(params), r)),
            averageRating: all.length
              ? all.reduce((sum, r) => sum + ratings[r.starRating], 0) / all.length
              : 0,
            totalReviewCount: all.length,
            nextPageToken: start + size < all.length ? String(start + size) : undefined,
          },
        };
      },
      'PUT /v4/accounts/:a/locations/:l/reviews/:r/reply': (request) => {
        const review = reviews.get(request.params.r ?? '');
        if (!known(request.params) || !review) return notFound;
        const comment = String(jsonBody(request).comment ?? '');
        if (!comment.trim())
          return googleError(
            400,
            'INVALID_ARGUMENT',
            'Request contains an invalid argument: comment is required.',
          );
        if (Buffer.byteLength(comment) > 4096)
          return googleError(
            400,
            'INVALID_ARGUMENT',
            'Request contains an invalid argument: comment is longer than 4096 bytes.',
          );
        review.reply = { comment, updateTime: new Date().toISOString() };
        return { status: 200, body: review.reply };
      },
      'DELETE /v4/accounts/:a/locations/:l/reviews/:r/reply': ({ params }) => {
        const review = reviews.get(params.r ?? '');
        if (!known(params) || !review?.reply) return notFound;
        review.reply = undefined;
        return { status: 200, body: {} };
      },
    },
    {
      latencyMs: options.latencyMs,
      authorize: (request, route) => {
        if (route === 'GET /o/oauth2/v2/auth' || route === 'POST /token') return undefined;
        return tokens.check(request.bearer) === 'ok' ? undefined : googleReplies.expiredToken();
      },
    },
  );

  const first = tokens.issue();
  return {
    ...server,
    network: 'gbp',
    client,
    endpoints: { googleApiUrl: server.baseUrl, googleLoginUrl: server.baseUrl },
    credentials: {
      accountName: ACCOUNT,
      locationName: LOCATIONS[0]?.name ?? '',
      accessToken: first.accessToken,
      refreshToken: first.refreshToken,
      expiresAt: new Date(Date.now() + 3_599_000).toISOString(),
    },
    publishCount: () => created,
    posts: () => [...posts.values()],
    expireToken: () => tokens.expireAll(),
    denyConsent: () => oauth.deny(),
    publishRoute: 'POST /v4/accounts/:a/locations/:l/localPosts',
    replies: googleReplies,
    addReview: (review) => {
      const reviewId = `r${nextId()}`;
      reviews.set(reviewId, { ...review, reviewId, updateTime: new Date().toISOString() });
      return reviewId;
    },
    reviews: () => [...reviews.values()],
    mediaFetches: () => [...mediaFetches],
  };
}
