import { createHmac, randomBytes } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/database.js';
import type { AlertLevel } from '../../db/reputation-schema.js';
import { invalid, notFound } from '../../errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { sourceName } from './alerts.js';
import { inTransaction } from './item-actions.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_ATTEMPTS = 5;
const TIMEOUT_MS = 10_000;

export interface WebhookView {
  id: string;
  url: string;
  format: 'json' | 'slack';
  level: AlertLevel;
  enabled: boolean;
  lastStatus: string | null;
  lastDeliveryAt: string | null;
  createdAt: string;
}

export async function listWebhooks(db: DbOrTx, orgId: string): Promise<WebhookView[]> {
  const rows = await db
    .selectFrom('reputationWebhooks')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    format: r.format,
    level: r.level,
    enabled: r.enabled === 1,
    lastStatus: r.lastStatus,
    lastDeliveryAt: r.lastDeliveryAt,
    createdAt: r.createdAt,
  }));
}

/** https only (plain http for this computer's test servers), no credentials in the address. */
function checkUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw invalid({ url: 'Enter the full address, starting with https://.' });
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw invalid({ url: 'The address must use https://.' });
  if (url.username || url.password)
    throw invalid({ url: 'Leave user names and passwords out of the address.' });
  return url.toString();
}

/** Adds an outbound webhook; the signing secret is shown once, here, and stored sealed. */
export async function createWebhook(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    input: { url: string; format: 'json' | 'slack'; level: AlertLevel };
    box: SecretBox;
  },
): Promise<{ webhook: WebhookView; secret: string }> {
  const url = checkUrl(options.input.url);
  const secret = randomBytes(24).toString('base64url');
  return inTransaction(db, async (tx) => {
    const id = newId();
    const now = new Date().toISOString();
    await tx
      .insertInto('reputationWebhooks')
      .values({
        id,
        orgId: options.orgId,
        url,
        format: options.input.format,
        secretSealed: options.box.seal(secret),
        level: options.input.level,
        enabled: 1,
        lastStatus: null,
        lastDeliveryAt: null,
        createdBy: options.actor.userId ?? 'system',
        createdAt: now,
      })
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'review.webhook_added',
      target: { type: 'reputation_webhook', id },
      details: {
        host: new URL(url).host,
        format: options.input.format,
        level: options.input.level,
      },
    });
    const [webhook] = (await listWebhooks(tx, options.orgId)).filter((w) => w.id === id);
    if (!webhook) throw notFound('The webhook');
    return { webhook, secret };
  });
}

export async function deleteWebhook(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; webhookId: string },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const deleted = await tx
      .deleteFrom('reputationWebhooks')
      .where('orgId', '=', options.orgId)
      .where('id', '=', options.webhookId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) throw notFound('The webhook');
    await tx
      .deleteFrom('reputationAlerts')
      .where('target', '=', options.webhookId)
      .where('status', '=', 'pending')
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'review.webhook_removed',
      target: { type: 'reputation_webhook', id: options.webhookId },
    });
  });
}

/** HMAC-SHA256 of `<timestamp>.<body>` with the webhook's secret, as `sha256=<hex>`. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

interface AlertItem {
  id: string;
  source: string;
  kind: string;
  rating: number | null;
  sentimentLabel: string | null;
  urgency: string;
  topics: string;
  receivedAt: string;
}

/** No review text, no author: a webhook leaves Bedside, so it carries only what triage needs. */
export function webhookPayload(
  format: 'json' | 'slack',
  input: { item: AlertItem; link: string },
): Record<string, unknown> {
  const { item, link } = input;
  const what = `${item.urgency !== 'none' ? 'Urgent' : 'Negative'} ${item.kind} on ${sourceName(item.source)}${
    item.rating !== null ? ` (${item.rating}★)` : ''
  }`;
  if (format === 'slack') return { text: `${what} — <${link}|Open in Bedside>` };
  return {
    event: 'review.alert',
    item: {
      id: item.id,
      source: item.source,
      kind: item.kind,
      rating: item.rating,
      sentiment: item.sentimentLabel,
      urgency: item.urgency,
      topics: JSON.parse(item.topics) as string[],
      receivedAt: item.receivedAt,
    },
    summary: what,
    link,
  };
}

/**
 * Sends pending webhook alerts (JSON or Slack-compatible, HMAC-signed headers
 * `X-Bedside-Timestamp` and `X-Bedside-Signature`). Each delivery is claimed first; failures are
 * retried on later runs up to {@link MAX_ATTEMPTS}.
 */
export async function deliverWebhookAlerts(
  db: Db,
  options: { box: SecretBox; publicUrl: string; fetch?: typeof fetch },
): Promise<{ sent: number; failed: number }> {
  const doFetch = options.fetch ?? fetch;
  const pending = await db
    .selectFrom('reputationAlerts')
    .innerJoin('reputationWebhooks as w', 'w.id', 'reputationAlerts.target')
    .innerJoin('reputationItems as i', 'i.id', 'reputationAlerts.itemId')
    .select([
      'reputationAlerts.id as alertId',
      'reputationAlerts.attempts',
      'w.id as webhookId',
      'w.url',
      'w.format',
      'w.secretSealed',
      'i.id',
      'i.source',
      'i.kind',
      'i.rating',
      'i.sentimentLabel',
      'i.urgency',
      'i.topics',
      'i.receivedAt',
    ])
    .where('reputationAlerts.channel', '=', 'webhook')
    .where('reputationAlerts.status', '=', 'pending')
    .where('w.enabled', '=', 1)
    .orderBy('reputationAlerts.createdAt')
    .limit(100)
    .execute();
  const report = { sent: 0, failed: 0 };
  for (const row of pending) {
    const claim = await db
      .updateTable('reputationAlerts')
      .set({ attempts: row.attempts + 1 })
      .where('id', '=', row.alertId)
      .where('attempts', '=', row.attempts)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue;
    const body = JSON.stringify(
      webhookPayload(row.format, { item: row, link: `${options.publicUrl}/inbox?item=${row.id}` }),
    );
    const timestamp = String(Math.floor(Date.now() / 1000));
    let status: string;
    try {
      const response = await doFetch(row.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-bedside-timestamp': timestamp,
          'x-bedside-signature': webhookSignature(
            options.box.open(row.secretSealed),
            timestamp,
            body,
          ),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = response.ok ? 'ok' : `HTTP ${response.status}`;
    } catch {
      status = 'unreachable';
    }
    const now = new Date().toISOString();
    const ok = status === 'ok';
    if (ok) report.sent += 1;
    else report.failed += 1;
    await db
      .updateTable('reputationAlerts')
      .set({
        status: ok ? 'sent' : row.attempts + 1 >= MAX_ATTEMPTS ? 'failed' : 'pending',
        sentAt: ok ? now : null,
        lastError: ok ? null : status,
      })
      .where('id', '=', row.alertId)
      .execute();
    await db
      .updateTable('reputationWebhooks')
      .set({ lastStatus: status, lastDeliveryAt: now })
      .where('id', '=', row.webhookId)
      .execute();
  }
  return report;
}

/**
 * Sends a test alert to a webhook, signed like real ones, so the person setting it up sees it
 * arrive (and Bedside records how the receiver answered). It names no item.
 */
export async function testWebhook(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    webhookId: string;
    box: SecretBox;
    publicUrl: string;
    fetch?: typeof fetch;
  },
): Promise<{ status: string }> {
  const hook = await db
    .selectFrom('reputationWebhooks')
    .selectAll()
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.webhookId)
    .executeTakeFirst();
  if (!hook) throw notFound('The webhook');
  const link = `${options.publicUrl}/inbox`;
  const summary = 'Test alert from Bedside: this webhook is set up.';
  const body = JSON.stringify(
    hook.format === 'slack'
      ? { text: `${summary} <${link}|Open the inbox>` }
      : { event: 'review.test', summary, link },
  );
  const timestamp = String(Math.floor(Date.now() / 1000));
  let status: string;
  try {
    const response = await (options.fetch ?? fetch)(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-bedside-timestamp': timestamp,
        'x-bedside-signature': webhookSignature(
          options.box.open(hook.secretSealed),
          timestamp,
          body,
        ),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = response.ok ? 'ok' : `HTTP ${response.status}`;
  } catch {
    status = 'unreachable';
  }
  await inTransaction(db, async (tx) => {
    await tx
      .updateTable('reputationWebhooks')
      .set({ lastStatus: status, lastDeliveryAt: new Date().toISOString() })
      .where('id', '=', hook.id)
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'review.webhook_tested',
      target: { type: 'reputation_webhook', id: hook.id },
      details: { status },
    });
  });
  return { status };
}
