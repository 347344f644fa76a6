import type { CallHooks, NetworkName } from './connector.js';

/**
 * The inbound port: what reads reviews, comments and mentions from a network and answers them.
 * One implementation per network (bluesky/bluesky-inbound.ts, mastodon/mastodon-inbound.ts; the
 * connectors helper adds Google, Facebook, Instagram, LinkedIn and X). The reputation poller uses
 * only this interface. Every failure is a `ConnectorError` (rate_limited → the source backs off
 * for `retryAfterSeconds`; reconnect_needed → the source is paused until the channel reconnects).
 *
 * @example
 * const page = await inbound.fetchSince(credentials, { cursor: source.cursor, limit: 50 })
 * // store page.items, then save page.cursor
 */
export interface InboundSource<C> {
  readonly network: NetworkName;
  /**
   * Items newer than `cursor` (oldest first), and the cursor to pass next time. A null cursor
   * means the first poll: return the most recent `limit` items. The cursor is opaque to the
   * caller; return the same cursor when nothing is new.
   */
  fetchSince(credentials: C, query: InboundQuery, hooks?: CallHooks<C>): Promise<InboundPage>;
  /** Posts a public reply to an item. `idempotencyKey` is stable per reply (sent where the network supports it). */
  reply(
    credentials: C,
    input: InboundReplyInput,
    hooks?: CallHooks<C>,
  ): Promise<InboundReplyResult>;
}

export interface InboundQuery {
  cursor: string | null;
  /** At most this many items per call (the caller calls again while `hasMore`). */
  limit: number;
}

export interface InboundPage {
  items: InboundItem[];
  cursor: string | null;
  /** True when another call would return more right away. */
  hasMore: boolean;
}

export interface InboundItem {
  /** The network's stable id: a Bluesky at:// URI, a Mastodon status id, a Google review name. */
  externalId: string;
  kind: 'review' | 'comment' | 'mention';
  text: string;
  /** 1–5 stars where the network has ratings. */
  rating: number | null;
  authorName: string | null;
  authorHandle: string | null;
  url: string | null;
  /** What this item answers (a comment's parent), and the conversation's root. */
  parentExternalId: string | null;
  threadExternalId: string | null;
  /** ISO-8601 UTC. */
  publishedAt: string | null;
  /** Set when the network says the item was edited (ISO-8601 UTC). */
  editedAt: string | null;
  /** True when the network reports the item deleted. */
  deleted: boolean;
  /**
   * What `reply` needs to answer this item, opaque to the caller (Bluesky: the post's and its
   * root's uri and cid as JSON).
   */
  replyRef: string | null;
}

export interface InboundReplyInput {
  externalId: string;
  replyRef: string | null;
  text: string;
  idempotencyKey: string;
  /** When the reply was written (ISO-8601); stable per reply like the key (Bluesky builds its record key from both). */
  createdAt?: string;
}

export interface InboundReplyResult {
  remoteId: string;
  url: string | undefined;
}
