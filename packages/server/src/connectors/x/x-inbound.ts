import { z } from 'zod';
import type { InboundSource } from '../inbound.js';
import { inboundItem, isoTime } from '../inbound-window.js';
import type { XConnector } from './x-connector.js';
import type { XCredentials } from './x-credentials.js';

const mentionsSchema = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        text: z.string(),
        author_id: z.string().optional(),
        created_at: z.string().optional(),
        conversation_id: z.string().optional(),
        in_reply_to_user_id: z.string().optional(),
      }),
    )
    .optional(),
  includes: z
    .object({
      users: z.array(z.object({ id: z.string(), username: z.string(), name: z.string() })),
    })
    .optional(),
  meta: z
    .object({ newest_id: z.string().optional(), next_token: z.string().optional() })
    .optional(),
});
const tweetSchema = z.object({ data: z.object({ id: z.string().min(1) }) });

/**
 * X mentions for the inbox: `GET /2/users/:id/mentions` with `since_id` as the cursor (X's ids
 * grow with time), and replies as posts `in_reply_to_tweet_id`.
 */
export function xInbound(x: XConnector): InboundSource<XCredentials> {
  return {
    network: 'x',
    fetchSince: (credentials, query, hooks) =>
      x.withToken(credentials, hooks, async (c) => {
        const params = new URLSearchParams({
          max_results: String(Math.min(100, Math.max(5, query.limit))),
          'tweet.fields': 'created_at,author_id,conversation_id,in_reply_to_user_id',
          expansions: 'author_id',
          'user.fields': 'username,name',
        });
        if (query.cursor) params.set('since_id', query.cursor);
        const { data } = await x.http.request({
          method: 'GET',
          url: `${x.apiUrl}/2/users/${encodeURIComponent(c.userId)}/mentions?${params.toString()}`,
          accessToken: c.accessToken,
          schema: mentionsSchema,
          what: 'reading mentions',
        });
        const users = new Map((data.includes?.users ?? []).map((u) => [u.id, u]));
        const items = (data.data ?? [])
          .slice(0, query.limit)
          .reverse()
          .map((tweet) => {
            const author = tweet.author_id ? users.get(tweet.author_id) : undefined;
            return inboundItem({
              externalId: tweet.id,
              kind: 'mention',
              text: tweet.text,
              authorName: author?.name ?? null,
              authorHandle: author ? `@${author.username}` : null,
              url: author ? `https://x.com/${author.username}/status/${tweet.id}` : null,
              threadExternalId: tweet.conversation_id ?? null,
              publishedAt: isoTime(tweet.created_at),
              replyRef: tweet.id,
            });
          });
        return {
          items,
          cursor: items.at(-1)?.externalId ?? query.cursor,
          hasMore: Boolean(data.meta?.next_token) && query.cursor !== null,
        };
      }),
    reply: (credentials, input, hooks) =>
      x.withToken(credentials, hooks, async (c) => {
        const { data } = await x.http.request({
          method: 'POST',
          url: `${x.apiUrl}/2/tweets`,
          body: {
            text: input.text,
            reply: { in_reply_to_tweet_id: input.replyRef ?? input.externalId },
          },
          accessToken: c.accessToken,
          schema: tweetSchema,
          what: 'posting the reply',
        });
        return {
          remoteId: data.data.id,
          url: `https://x.com/${c.username}/status/${data.data.id}`,
        };
      }),
  };
}
