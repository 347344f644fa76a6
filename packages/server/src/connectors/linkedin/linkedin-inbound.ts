import { z } from 'zod';
import type { InboundSource } from '../inbound.js';
import { inboundItem, isoTime, pageByTime } from '../inbound-window.js';
import type { LinkedInConnector } from './linkedin-connector.js';
import { escapeLittleText, type LinkedInCredentials } from './linkedin-credentials.js';

const RECENT_POSTS = 10;

const postsSchema = z.object({ elements: z.array(z.object({ id: z.string().min(1) })) });
const commentsSchema = z.object({
  elements: z.array(
    z.object({
      id: z.string(),
      $URN: z.string().optional(),
      actor: z.string().optional(),
      created: z.object({ time: z.number() }),
      message: z.object({ text: z.string() }).optional(),
    }),
  ),
});
const createdSchema = z.object({ id: z.string().optional(), $URN: z.string().optional() });

interface ReplyTarget {
  comment: string;
  post: string;
}

/**
 * LinkedIn comments on the organization's latest posts (Comments API, `socialActions`), for the
 * inbox; the cursor is the newest comment time handed out. A reply is a comment on the comment,
 * made as the organization.
 */
export function linkedInInbound(linkedin: LinkedInConnector): InboundSource<LinkedInCredentials> {
  const request = linkedin.http.request.bind(linkedin.http);
  return {
    network: 'linkedin',
    fetchSince: (credentials, query, hooks) =>
      linkedin.withToken(credentials, hooks, async (c) => {
        const { data: posts } = await request({
          method: 'GET',
          url: linkedin.rest(
            `/posts?q=author&author=${encodeURIComponent(c.organizationUrn)}&count=${RECENT_POSTS}&sortBy=LAST_MODIFIED`,
          ),
          headers: linkedin.restHeaders,
          accessToken: c.accessToken,
          schema: postsSchema,
          what: 'reading recent posts',
        });
        const items = [];
        for (const post of posts.elements) {
          const { data } = await request({
            method: 'GET',
            url: linkedin.rest(`/socialActions/${encodeURIComponent(post.id)}/comments`),
            headers: linkedin.restHeaders,
            accessToken: c.accessToken,
            schema: commentsSchema,
            what: 'reading comments',
          });
          for (const comment of data.elements) {
            const urn = comment.$URN ?? `urn:li:comment:(${post.id},${comment.id})`;
            items.push(
              Object.assign(
                inboundItem({
                  externalId: urn,
                  kind: 'comment',
                  text: comment.message?.text ?? '',
                  authorHandle: comment.actor ?? null,
                  url: `https://www.linkedin.com/feed/update/${post.id}/`,
                  parentExternalId: post.id,
                  threadExternalId: post.id,
                  publishedAt: isoTime(comment.created.time),
                  replyRef: JSON.stringify({ comment: urn, post: post.id } satisfies ReplyTarget),
                }),
                { sortTime: isoTime(comment.created.time) ?? new Date(0).toISOString() },
              ),
            );
          }
        }
        return pageByTime(items, query);
      }),
    reply: (credentials, input, hooks) =>
      linkedin.withToken(credentials, hooks, async (c) => {
        const target = JSON.parse(input.replyRef ?? '{}') as Partial<ReplyTarget>;
        const comment = target.comment ?? input.externalId;
        const response = await request({
          method: 'POST',
          url: linkedin.rest(`/socialActions/${encodeURIComponent(comment)}/comments`),
          headers: linkedin.restHeaders,
          body: {
            actor: c.organizationUrn,
            object: target.post ?? comment,
            parentComment: comment,
            message: { text: escapeLittleText(input.text) },
          },
          accessToken: c.accessToken,
          schema: createdSchema,
          what: 'posting the reply',
        });
        return {
          remoteId:
            response.headers.get('x-restli-id') ??
            response.data.$URN ??
            response.data.id ??
            comment,
          url: target.post ? `https://www.linkedin.com/feed/update/${target.post}/` : undefined,
        };
      }),
  };
}
