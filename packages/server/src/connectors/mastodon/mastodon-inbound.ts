import { z } from 'zod';
import { fetchWithTimeout } from '../http/fetch-with-timeout.js';
import type { InboundItem, InboundSource } from '../inbound.js';
import { createMastodonClient, type MastodonClient } from './mastodon-client.js';
import type { MastodonCredentials } from './mastodon-credentials.js';
import { statusSchema } from './mastodon-schemas.js';
import { statusHtmlToText } from './mastodon-status-text.js';

const notificationSchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  created_at: z.string().optional(),
  account: z
    .object({
      acct: z.string().optional(),
      username: z.string(),
      display_name: z.string().optional(),
    })
    .optional(),
  status: statusSchema
    .extend({
      in_reply_to_id: z.string().nullish(),
      edited_at: z.string().nullish(),
    })
    .nullish(),
});
const notificationsSchema = z.array(notificationSchema);

/** Mastodon ids are numeric strings of any length: compare by length, then lexically. */
function newer(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

function toItem(n: z.infer<typeof notificationSchema>): InboundItem | null {
  const status = n.status;
  if (!status) return null;
  return {
    externalId: status.id,
    kind: status.in_reply_to_id ? 'comment' : 'mention',
    text: statusHtmlToText(status.content).trim(),
    rating: null,
    authorName: n.account?.display_name || null,
    authorHandle: n.account ? (n.account.acct ?? n.account.username) : null,
    url: status.url ?? status.uri,
    parentExternalId: status.in_reply_to_id ?? null,
    threadExternalId: status.in_reply_to_id ?? status.id,
    publishedAt: new Date(status.created_at).toISOString(),
    editedAt: status.edited_at ? new Date(status.edited_at).toISOString() : null,
    deleted: false,
    replyRef: null,
  };
}

/**
 * Mentions of the account (and replies to it, which mention it), from `GET /api/v1/notifications`.
 * The cursor is the newest notification id seen; `since_id` asks for newer ones, and entries are
 * filtered here too because servers differ in honouring `types[]` (snac ignores it).
 */
export function createMastodonInbound(
  options: { timeoutMs?: number; fetch?: typeof globalThis.fetch } = {},
): InboundSource<MastodonCredentials> {
  const fetch = fetchWithTimeout(options.timeoutMs ?? 15_000, options.fetch);
  const client = (credentials: MastodonCredentials): MastodonClient =>
    createMastodonClient({
      instanceUrl: credentials.instanceUrl,
      accessToken: credentials.accessToken,
      secrets: [credentials.clientSecret],
      fetch,
    });
  return {
    network: 'mastodon',
    async fetchSince(credentials, query) {
      const params = new URLSearchParams({ limit: String(Math.min(80, query.limit)) });
      params.append('types[]', 'mention');
      if (query.cursor) params.set('since_id', query.cursor);
      const { data } = await client(credentials).request({
        method: 'GET',
        path: `/api/v1/notifications?${params.toString()}`,
        schema: notificationsSchema,
        what: 'reading mentions',
      });
      const fresh = data.filter((n) => !query.cursor || newer(n.id, query.cursor));
      let cursor = query.cursor;
      for (const n of fresh) if (!cursor || newer(n.id, cursor)) cursor = n.id;
      const items = fresh
        .filter((n) => n.type === 'mention')
        .sort((a, b) => (newer(a.id, b.id) ? 1 : -1))
        .map(toItem)
        .filter((item): item is InboundItem => item !== null);
      return { items, cursor, hasMore: fresh.length >= Math.min(80, query.limit) };
    },
    async reply(credentials, input) {
      const { data } = await client(credentials).request({
        method: 'POST',
        path: '/api/v1/statuses',
        body: { status: input.text, in_reply_to_id: input.externalId, visibility: 'public' },
        headers: { 'idempotency-key': input.idempotencyKey },
        schema: statusSchema,
        what: 'posting the reply',
      });
      return { remoteId: data.id, url: data.url ?? data.uri };
    },
  };
}
