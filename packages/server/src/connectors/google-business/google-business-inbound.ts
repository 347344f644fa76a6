import { z } from 'zod';
import type { CallHooks } from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import type { InboundSource } from '../inbound.js';
import { inboundItem, isoTime, pageByTime } from '../inbound-window.js';
import type { GoogleBusinessConnector } from './google-business-connector.js';
import { v4LocationPath, type GoogleBusinessCredentials } from './google-credentials.js';

const STARS: Record<string, number> = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 };
/** Pages of 50 read per poll at most; a location with more new reviews catches up next poll. */
const MAX_PAGES = 10;
/** Google's documented limit for a review reply. */
const MAX_REPLY_BYTES = 4096;

const reviewsSchema = z.object({
  reviews: z
    .array(
      z.object({
        name: z.string().min(1),
        reviewId: z.string().optional(),
        reviewer: z
          .object({ displayName: z.string().optional(), isAnonymous: z.boolean().optional() })
          .optional(),
        starRating: z.string().optional(),
        comment: z.string().optional(),
        createTime: z.string().optional(),
        updateTime: z.string(),
      }),
    )
    .optional(),
  nextPageToken: z.string().optional(),
});
const replySchema = z.object({ comment: z.string(), updateTime: z.string().optional() });

export type GoogleBusinessInbound = InboundSource<GoogleBusinessCredentials> & {
  /** Removes the practice's public reply to a review (`DELETE …/reviews/{id}/reply`). */
  deleteReply(
    credentials: GoogleBusinessCredentials,
    reviewName: string,
    hooks?: CallHooks<GoogleBusinessCredentials>,
  ): Promise<void>;
};

/**
 * Google Business Profile reviews for the inbox (v4 `reviews.list`, newest first by update time);
 * the cursor is the last update time handed out, so edited reviews come back as edits. Replies go
 * through `updateReply` (`PUT …/reply`), which creates or replaces the one reply a review has.
 */
export function googleBusinessInbound(google: GoogleBusinessConnector): GoogleBusinessInbound {
  const reviewName = (c: GoogleBusinessCredentials, name: string): string => {
    if (!name.startsWith(`${v4LocationPath(c)}/reviews/`) || name.includes('..'))
      throw new ConnectorError({
        network: 'gbp',
        kind: 'content_rejected',
        reason: 'This is not a review of the connected location.',
      });
    return name;
  };
  return {
    network: 'gbp',
    fetchSince: (credentials, query, hooks) =>
      google.withToken(credentials, hooks, async (c) => {
        const after = query.cursor
          ? Date.parse(query.cursor.split('|')[0] ?? '')
          : Number.NEGATIVE_INFINITY;
        const collected = [];
        let pageToken: string | undefined;
        for (let page = 0; page < MAX_PAGES; page += 1) {
          const params = new URLSearchParams({ pageSize: '50', orderBy: 'updateTime desc' });
          if (pageToken) params.set('pageToken', pageToken);
          const { data } = await google.http.request({
            method: 'GET',
            url: google.v4(`${v4LocationPath(c)}/reviews?${params.toString()}`),
            accessToken: c.accessToken,
            schema: reviewsSchema,
            what: 'reading reviews',
          });
          const reviews = data.reviews ?? [];
          collected.push(...reviews);
          const reachedCursor = reviews.some((r) => Date.parse(r.updateTime) <= after);
          const enough = query.cursor === null && collected.length >= query.limit;
          pageToken = data.nextPageToken;
          if (!pageToken || reachedCursor || enough) break;
        }
        return pageByTime(
          collected.map((review) =>
            Object.assign(
              inboundItem({
                externalId: review.name,
                kind: 'review',
                text: review.comment ?? '',
                rating: STARS[review.starRating ?? ''] ?? null,
                authorName: review.reviewer?.isAnonymous
                  ? null
                  : (review.reviewer?.displayName ?? null),
                publishedAt: isoTime(review.createTime),
                editedAt:
                  review.createTime && review.createTime !== review.updateTime
                    ? isoTime(review.updateTime)
                    : null,
                replyRef: review.name,
              }),
              { sortTime: review.updateTime },
            ),
          ),
          query,
        );
      }),
    reply: (credentials, input, hooks) =>
      google.withToken(credentials, hooks, async (c) => {
        if (Buffer.byteLength(input.text) > MAX_REPLY_BYTES)
          throw new ConnectorError({
            network: 'gbp',
            kind: 'content_rejected',
            reason: 'Google allows replies of up to 4,096 bytes.',
          });
        const name = reviewName(c, input.replyRef ?? input.externalId);
        await google.http.request({
          method: 'PUT',
          url: google.v4(`${name}/reply`),
          body: { comment: input.text },
          accessToken: c.accessToken,
          schema: replySchema,
          what: 'posting the reply',
        });
        return { remoteId: `${name}/reply`, url: undefined };
      }),
    deleteReply: (credentials, name, hooks) =>
      google.withToken(credentials, hooks, async (c) => {
        try {
          await google.http.request({
            method: 'DELETE',
            url: google.v4(`${reviewName(c, name)}/reply`),
            accessToken: c.accessToken,
            schema: z.unknown(),
            what: 'removing the reply',
          });
        } catch (error) {
          if (!(error instanceof ConnectorError && error.status === 404)) throw error;
        }
      }),
  };
}
