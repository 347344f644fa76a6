import { z } from 'zod';
import type { InboundSource } from '../inbound.js';
import { inboundItem, isoTime, pageByTime } from '../inbound-window.js';
import type { FacebookConnector } from './facebook-connector.js';
import type { FacebookCredentials } from './meta-credentials.js';

/** The Page's latest posts whose comments are read each poll (Meta recommends webhooks beyond this). */
const RECENT_POSTS = 10;

const postsSchema = z.object({
  data: z.array(z.object({ id: z.string().min(1), permalink_url: z.string().optional() })),
});
const commentsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      message: z.string().optional(),
      from: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
      created_time: z.string(),
      parent: z.object({ id: z.string() }).optional(),
      permalink_url: z.string().optional(),
    }),
  ),
});
const idSchema = z.object({ id: z.string().min(1) });

/**
 * Facebook Page comments for the inbox: the comments (and replies, `filter=stream`) on the Page's
 * latest posts; the cursor is the newest comment time handed out. Replies are comments on the
 * comment. (`from` is only returned to a token with MODERATE on the Page, as Meta documents.)
 * Page ratings are not read: Meta deprecated the Recommendation type for v22+.
 */
export function facebookInbound(facebook: FacebookConnector): InboundSource<FacebookCredentials> {
  return {
    network: 'facebook',
    async fetchSince(credentials, query) {
      const { data: posts } = await facebook.http.request({
        method: 'GET',
        url: facebook.graph(`/${encodeURIComponent(credentials.pageId)}/posts`, {
          fields: 'id,permalink_url',
          limit: String(RECENT_POSTS),
        }),
        accessToken: credentials.accessToken,
        schema: postsSchema,
        what: 'reading recent posts',
      });
      const items = [];
      for (const post of posts.data) {
        const { data } = await facebook.http.request({
          method: 'GET',
          url: facebook.graph(`/${encodeURIComponent(post.id)}/comments`, {
            fields: 'id,message,from,created_time,parent{id},permalink_url',
            filter: 'stream',
            order: 'reverse_chronological',
            limit: '100',
          }),
          accessToken: credentials.accessToken,
          schema: commentsSchema,
          what: 'reading comments',
        });
        for (const comment of data.data)
          items.push(
            Object.assign(
              inboundItem({
                externalId: comment.id,
                kind: 'comment',
                text: comment.message ?? '',
                authorName: comment.from?.name ?? null,
                url: comment.permalink_url ?? post.permalink_url ?? null,
                parentExternalId: comment.parent?.id ?? post.id,
                threadExternalId: post.id,
                publishedAt: isoTime(comment.created_time),
                replyRef: comment.id,
              }),
              { sortTime: isoTime(comment.created_time) ?? new Date(0).toISOString() },
            ),
          );
      }
      return pageByTime(items, query);
    },
    async reply(credentials, input) {
      const { data } = await facebook.http.request({
        method: 'POST',
        url: facebook.graph(`/${encodeURIComponent(input.replyRef ?? input.externalId)}/comments`),
        body: new URLSearchParams({ message: input.text }),
        accessToken: credentials.accessToken,
        schema: idSchema,
        what: 'posting the reply',
      });
      return { remoteId: data.id, url: undefined };
    },
  };
}
