import { AppBskyFeedPost, AtUri, XRPCError, type Agent } from '@atproto/api';
import { fetchWithTimeout } from '../http/fetch-with-timeout.js';
import type { InboundItem, InboundSource } from '../inbound.js';
import { withBlueskyAgent } from './bluesky-agent.js';
import type { BlueskyOAuth } from './bluesky-oauth.js';
import type { BlueskyCredentials } from './bluesky-credentials.js';
import { replyRecordKey } from './bluesky-reply-key.js';

/** What answering a post needs: the post itself and its thread's root (both uri + cid). */
interface BlueskyReplyRef {
  uri: string;
  cid: string;
  rootUri: string;
  rootCid: string;
}

const REASONS = new Set(['mention', 'reply', 'quote']);
/** Pages read per poll at most; the rest come next time (the cursor only moves over what was read). */
const MAX_PAGES = 5;

const POST = 'app.bsky.feed.post';

/** The uri of the reply stored under `rkey`, or null when there is none (RecordNotFound). */
async function findReply(agent: Agent, repo: string, rkey: string): Promise<string | null> {
  try {
    const { data } = await agent.com.atproto.repo.getRecord({ repo, collection: POST, rkey });
    return data.uri;
  } catch (error) {
    if (error instanceof XRPCError && error.status === 400 && error.error === 'RecordNotFound')
      return null;
    throw error;
  }
}

function webUrl(uri: string, handle: string): string {
  const at = new AtUri(uri);
  return `https://bsky.app/profile/${handle}/post/${at.rkey}`;
}

/**
 * Mentions, replies and quotes of the account, from the AppView's notifications
 * (`app.bsky.notification.listNotifications`; a PDS without an AppView cannot answer this). The
 * cursor is the `indexedAt` of the newest notification stored; each poll reads newest-first pages
 * until it reaches it.
 */
export function createBlueskyInbound(
  options: {
    timeoutMs?: number;
    fetch?: typeof globalThis.fetch | undefined;
    /** For OAuth-connected accounts: the PLC and handle resolver to use (the connector's). */
    oauth?: BlueskyOAuth | undefined;
  } = {},
): InboundSource<BlueskyCredentials> {
  const fetch = fetchWithTimeout(options.timeoutMs ?? 15_000, options.fetch);
  return {
    network: 'bluesky',
    async fetchSince(credentials, query, hooks) {
      return withBlueskyAgent({
        credentials,
        fetch,
        ...(options.oauth && { oauth: options.oauth }),
        hooks,
        run: async (agent) => {
          const items: InboundItem[] = [];
          let newest = query.cursor;
          let pageCursor: string | undefined;
          let reachedOld = false;
          for (let page = 0; page < MAX_PAGES && !reachedOld; page++) {
            const { data } = await agent.app.bsky.notification.listNotifications({
              limit: Math.min(100, query.limit),
              cursor: pageCursor,
            });
            for (const n of data.notifications) {
              if (query.cursor && n.indexedAt <= query.cursor) {
                reachedOld = true;
                break;
              }
              if (!newest || n.indexedAt > newest) newest = n.indexedAt;
              if (!REASONS.has(n.reason) || !AppBskyFeedPost.isRecord(n.record)) continue;
              const record = n.record as AppBskyFeedPost.Record;
              const root = record.reply?.root ?? { uri: n.uri, cid: n.cid };
              const ref: BlueskyReplyRef = {
                uri: n.uri,
                cid: n.cid,
                rootUri: root.uri,
                rootCid: root.cid,
              };
              items.push({
                externalId: n.uri,
                kind: n.reason === 'reply' ? 'comment' : 'mention',
                text: record.text,
                rating: null,
                authorName: n.author.displayName || null,
                authorHandle: n.author.handle,
                url: webUrl(n.uri, n.author.handle),
                parentExternalId: record.reply?.parent.uri ?? null,
                threadExternalId: root.uri,
                publishedAt: new Date(record.createdAt).toISOString(),
                editedAt: null,
                deleted: false,
                replyRef: JSON.stringify(ref),
              });
            }
            pageCursor = data.cursor;
            if (!pageCursor || !query.cursor) break;
          }
          items.sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''));
          return { items, cursor: newest, hasMore: false };
        },
      });
    },
    async reply(credentials, input, hooks) {
      if (!input.replyRef) throw new Error('A Bluesky reply needs the post it answers');
      const ref = JSON.parse(input.replyRef) as BlueskyReplyRef;
      const rkey = replyRecordKey(input.idempotencyKey, input.createdAt);
      return withBlueskyAgent({
        credentials,
        fetch,
        ...(options.oauth && { oauth: options.oauth }),
        hooks,
        run: async (agent) => {
          const repo = credentials.did;
          const sent = (uri: string) => ({ remoteId: uri, url: webUrl(uri, credentials.handle) });
          // A retry after a timeout: the first attempt may have written the record.
          const earlier = await findReply(agent, repo, rkey);
          if (earlier) return sent(earlier);
          const record: AppBskyFeedPost.Record = {
            $type: 'app.bsky.feed.post',
            text: input.text,
            reply: {
              root: { uri: ref.rootUri, cid: ref.rootCid },
              parent: { uri: ref.uri, cid: ref.cid },
            },
            createdAt: input.createdAt ?? new Date().toISOString(),
          };
          try {
            const { data } = await agent.com.atproto.repo.createRecord({
              repo,
              collection: POST,
              rkey,
              record,
            });
            return sent(data.uri);
          } catch (error) {
            // Two workers at once: the other one's record is this reply.
            const raced = await findReply(agent, repo, rkey);
            if (raced) return sent(raced);
            throw error;
          }
        },
      });
    },
  };
}
