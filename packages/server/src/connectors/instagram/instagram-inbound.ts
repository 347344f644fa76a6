import { z } from 'zod';
import type { InstagramCredentials } from '../facebook/meta-credentials.js';
import type { InboundSource } from '../inbound.js';
import { inboundItem, isoTime, pageByTime } from '../inbound-window.js';
import type { InstagramConnector } from './instagram-connector.js';

const RECENT_MEDIA = 10;

const mediaSchema = z.object({
  data: z.array(z.object({ id: z.string().min(1), permalink: z.string().optional() })),
});
const commentsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      text: z.string().optional(),
      timestamp: z.string(),
      username: z.string().optional(),
    }),
  ),
});
const tagsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      caption: z.string().optional(),
      timestamp: z.string(),
      username: z.string().optional(),
      permalink: z.string().optional(),
    }),
  ),
});
const idSchema = z.object({ id: z.string().min(1) });

/** What a reply answers: a comment (`/replies`) or a post that tagged the account (`/mentions`). */
interface ReplyTarget {
  on: 'comment' | 'media';
  id: string;
}

/**
 * Instagram comments on the account's latest media and posts that tag it (`/tags`), for the
 * inbox; the cursor is the newest time handed out. Replies: `POST /{comment}/replies`, or for a
 * tagging post `POST /{ig-user}/mentions` with its media id.
 */
export function instagramInbound(
  instagram: InstagramConnector,
): InboundSource<InstagramCredentials> {
  return {
    network: 'instagram',
    async fetchSince(credentials, query) {
      const get = <T>(path: string, params: Record<string, string>, schema: z.ZodType<T>) =>
        instagram.http
          .request({
            method: 'GET',
            url: instagram.graph(path, params),
            accessToken: credentials.accessToken,
            schema,
            what: 'reading comments and mentions',
          })
          .then((response) => response.data);
      const user = encodeURIComponent(credentials.igUserId);
      const media = await get(
        `/${user}/media`,
        { fields: 'id,permalink', limit: String(RECENT_MEDIA) },
        mediaSchema,
      );
      const items = [];
      for (const post of media.data) {
        const comments = await get(
          `/${encodeURIComponent(post.id)}/comments`,
          { fields: 'id,text,timestamp,username', limit: '50' },
          commentsSchema,
        );
        for (const comment of comments.data)
          items.push(
            Object.assign(
              inboundItem({
                externalId: comment.id,
                kind: 'comment',
                text: comment.text ?? '',
                authorHandle: comment.username ? `@${comment.username}` : null,
                url: post.permalink ?? null,
                parentExternalId: post.id,
                threadExternalId: post.id,
                publishedAt: isoTime(comment.timestamp),
                replyRef: JSON.stringify({ on: 'comment', id: comment.id } satisfies ReplyTarget),
              }),
              { sortTime: isoTime(comment.timestamp) ?? new Date(0).toISOString() },
            ),
          );
      }
      const tags = await get(
        `/${user}/tags`,
        { fields: 'id,caption,timestamp,username,permalink' },
        tagsSchema,
      );
      for (const tagged of tags.data)
        items.push(
          Object.assign(
            inboundItem({
              externalId: `tag:${tagged.id}`,
              kind: 'mention',
              text: tagged.caption ?? '',
              authorHandle: tagged.username ? `@${tagged.username}` : null,
              url: tagged.permalink ?? null,
              publishedAt: isoTime(tagged.timestamp),
              replyRef: JSON.stringify({ on: 'media', id: tagged.id } satisfies ReplyTarget),
            }),
            { sortTime: isoTime(tagged.timestamp) ?? new Date(0).toISOString() },
          ),
        );
      return pageByTime(items, query);
    },
    async reply(credentials, input) {
      const target = parseTarget(input.replyRef) ?? { on: 'comment', id: input.externalId };
      const { data } = await instagram.http.request({
        method: 'POST',
        url:
          target.on === 'comment'
            ? instagram.graph(`/${encodeURIComponent(target.id)}/replies`)
            : instagram.graph(`/${encodeURIComponent(credentials.igUserId)}/mentions`),
        body: new URLSearchParams(
          target.on === 'comment'
            ? { message: input.text }
            : { media_id: target.id, message: input.text },
        ),
        accessToken: credentials.accessToken,
        schema: idSchema,
        what: 'posting the reply',
      });
      return { remoteId: data.id, url: undefined };
    },
  };
}

function parseTarget(replyRef: string | null): ReplyTarget | undefined {
  if (!replyRef) return undefined;
  try {
    const value = JSON.parse(replyRef) as Partial<ReplyTarget>;
    return (value.on === 'comment' || value.on === 'media') && typeof value.id === 'string'
      ? { on: value.on, id: value.id }
      : undefined;
  } catch {
    return undefined;
  }
}
