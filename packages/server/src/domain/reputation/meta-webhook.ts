import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DbOrTx } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import { systemActor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { alertNewItems } from './alerts.js';
import { loadIngestContext } from './ingest-context.js';
import { ingestItems, type IncomingItem } from './ingest-items.js';
import { inTransaction } from './item-actions.js';

/** The envelope Meta posts (Graph API webhooks): `object` and a list of entries with changes. */
export const metaWebhookBody = z.strictObject({
  object: z.string().min(1).max(40),
  entry: z
    .array(
      z.object({
        id: z.string().max(100).optional(),
        time: z.number().optional(),
        changes: z
          .array(z.object({ field: z.string().max(60), value: z.record(z.string(), z.unknown()) }))
          .max(1_000)
          .optional(),
      }),
    )
    .max(1_000),
});
export type MetaWebhookBody = z.infer<typeof metaWebhookBody>;

interface MetaSecrets {
  appSecret: string;
  verifyToken: string;
}

async function webhookSource(db: DbOrTx, sourceId: string) {
  const row = await db
    .selectFrom('reputationSources')
    .selectAll()
    .where('id', '=', sourceId)
    .where('mode', '=', 'webhook')
    .executeTakeFirst();
  if (!row || !row.configSealed) throw notFound('The webhook');
  return row;
}

/** `sha256=<hex>` of the raw body with the app secret, compared in constant time. */
export function validMetaSignature(
  rawBody: Buffer,
  header: string | undefined,
  appSecret: string,
): boolean {
  if (!header || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The subscription handshake: echo `hub.challenge` when the verify token matches. */
export async function verifyMetaSubscription(
  db: DbOrTx,
  options: { sourceId: string; box: SecretBox; mode: string; token: string; challenge: string },
): Promise<string> {
  const source = await webhookSource(db, options.sourceId);
  const secrets = JSON.parse(options.box.open(source.configSealed ?? '')) as MetaSecrets;
  if (options.mode !== 'subscribe' || options.token !== secrets.verifyToken)
    throw new AppError('forbidden', 'The verify token does not match.');
  return options.challenge;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0
    ? value
    : typeof value === 'number'
      ? String(value)
      : null;
}

function time(value: unknown): string | null {
  if (typeof value === 'number') return new Date(value * 1000).toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value)))
    return new Date(value).toISOString();
  return null;
}

function from(value: unknown): { name: string | null; handle: string | null } {
  if (!value || typeof value !== 'object') return { name: null, handle: null };
  const record = value as Record<string, unknown>;
  return { name: str(record.name), handle: str(record.username) };
}

/** The items in one delivery: Page feed comments, Page ratings, Instagram comments. */
export function metaItems(body: MetaWebhookBody): IncomingItem[] {
  const items: IncomingItem[] = [];
  for (const entry of body.entry)
    for (const change of entry.changes ?? []) {
      const v = change.value;
      const verb = str(v.verb);
      const deleted = verb === 'remove' || verb === 'delete';
      const base = {
        url: null,
        editedAt: verb === 'edited' || verb === 'edit' ? time(v.created_time) : null,
        deleted,
        replyRef: null,
      };
      if (change.field === 'feed' && v.item === 'comment') {
        const id = str(v.comment_id);
        if (!id) continue;
        const author = from(v.from);
        items.push({
          ...base,
          externalId: id,
          kind: 'comment',
          text: str(v.message) ?? '',
          rating: null,
          authorName: author.name,
          authorHandle: null,
          parentExternalId: str(v.parent_id),
          threadExternalId: str(v.post_id),
          publishedAt: time(v.created_time),
        });
      } else if (change.field === 'ratings') {
        const id = str(v.review_id) ?? str(v.open_graph_story_id);
        if (!id) continue;
        const stars = typeof v.rating === 'number' ? v.rating : null;
        const recommended =
          v.recommendation_type === 'positive'
            ? 5
            : v.recommendation_type === 'negative'
              ? 1
              : null;
        items.push({
          ...base,
          externalId: id,
          kind: 'review',
          text: str(v.review_text) ?? '',
          rating: stars ?? recommended,
          authorName: str(v.reviewer_name),
          authorHandle: null,
          parentExternalId: null,
          threadExternalId: null,
          publishedAt: time(v.created_time),
        });
      } else if (change.field === 'comments' || change.field === 'mentions') {
        const id = str(v.id) ?? str(v.comment_id);
        if (!id) continue;
        const author = from(v.from);
        const media =
          v.media && typeof v.media === 'object'
            ? str((v.media as Record<string, unknown>).id)
            : str(v.media_id);
        items.push({
          ...base,
          externalId: id,
          kind: change.field === 'mentions' ? 'mention' : 'comment',
          text: str(v.text) ?? '',
          rating: null,
          authorName: author.name,
          authorHandle: author.handle,
          parentExternalId: str(v.parent_id),
          threadExternalId: media,
          publishedAt: time(v.timestamp),
        });
      }
    }
  return items.filter((i) => i.deleted || i.text.length > 0);
}

/**
 * A delivery from Meta: the signature (X-Hub-Signature-256, HMAC-SHA256 of the raw body with the
 * app secret) is checked before anything is read or stored. A bad one is refused and recorded
 * (without the body) as a failed audit event on the source's organization.
 */
export async function receiveMetaWebhook(
  db: DbOrTx,
  options: {
    sourceId: string;
    rawBody: Buffer;
    signature: string | undefined;
    body: MetaWebhookBody;
    box: SecretBox;
  },
): Promise<{ created: number; updated: number; deleted: number }> {
  const source = await webhookSource(db, options.sourceId);
  const secrets = JSON.parse(options.box.open(source.configSealed ?? '')) as MetaSecrets;
  if (!validMetaSignature(options.rawBody, options.signature, secrets.appSecret)) {
    await recordAuditEvent(db, {
      orgId: source.orgId,
      actor: { userId: null, label: 'meta-webhook', ip: null },
      action: 'review.webhook_rejected',
      outcome: 'denied',
      target: { type: 'reputation_source', id: source.id },
      details: {
        reason: options.signature ? 'signature mismatch' : 'signature missing',
        bytes: options.rawBody.length,
      },
    });
    throw new AppError('unauthenticated', 'The signature does not match this webhook.');
  }
  const items = metaItems(options.body);
  const context = await loadIngestContext(db, source.orgId);
  return inTransaction(db, async (tx) => {
    const stored = await ingestItems(tx, context, {
      source: source.source,
      sourceRefId: source.id,
      locationId: source.locationId,
      importId: null,
      items,
    });
    await alertNewItems(tx, { orgId: source.orgId, items: stored.created });
    await tx
      .updateTable('reputationSources')
      .set({
        status: 'ok',
        lastSuccessAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      })
      .where('id', '=', source.id)
      .execute();
    await recordAuditEvent(tx, {
      orgId: source.orgId,
      actor: systemActor,
      action: 'review.webhook_received',
      target: { type: 'reputation_source', id: source.id },
      details: { created: stored.created.length, updated: stored.updated, deleted: stored.deleted },
    });
    return { created: stored.created.length, updated: stored.updated, deleted: stored.deleted };
  });
}
