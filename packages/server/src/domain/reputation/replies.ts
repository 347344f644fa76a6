import type { CheckResult } from '@bedside/guard';
import { ConnectorError } from '../../connectors/connector-error.js';
import type { DbOrTx } from '../../db/database.js';
import type { ReputationItemRow, ReputationReplyRow } from '../../db/reputation-schema.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { checkText } from '../guard/check-text.js';
import { notify } from '../notifications/notify.js';
import type { InboundSources } from './inbound-sources.js';
import { rollupItemChange } from './dashboard/rollups.js';
import { getItemRow, inTransaction } from './item-actions.js';
import type { ReplyView } from './item-detail.js';
import { REPLY_IN_APP } from './item-view.js';
import { fillTemplate, findTemplate, suggestTemplate, templateValues } from './reply-templates.js';

const MAX_REPLY = 4_000;

export interface ReplyPorts {
  box: SecretBox;
  inbound: InboundSources;
}

function replyView(row: ReputationReplyRow): ReplyView {
  return {
    id: row.id,
    authorId: row.authorId,
    text: row.text,
    templateId: row.templateId,
    status: row.status,
    guardVerdict: row.guardVerdict,
    approvedBy: row.approvedBy,
    sentAt: row.sentAt,
    remoteUrl: row.remoteUrl,
    lastError: row.lastError,
    createdAt: row.createdAt,
  };
}

/** The guard on a reply, against the review it answers (kind 'reply' with `review`). */
export async function checkReply(
  db: DbOrTx,
  options: { orgId: string; item: ReputationItemRow; text: string },
): Promise<CheckResult> {
  const network = options.item.source === 'google' ? 'gbp' : options.item.source;
  const known = ['x', 'bluesky', 'mastodon', 'instagram', 'linkedin', 'facebook', 'gbp'];
  return checkText(db, {
    orgId: options.orgId,
    text: options.text,
    kind: 'reply',
    review: options.item.text,
    ...(known.includes(network) && { network: network as 'bluesky' }),
  });
}

/**
 * Stops a reply the guard blocks: the error names each problem (rule, message, where) and offers
 * the safe template for this item. The refusal is audited (without the text).
 */
async function refuseBlocked(
  db: DbOrTx,
  input: { actor: Actor; orgId: string; item: ReputationItemRow; result: CheckResult },
): Promise<never> {
  const { item, result } = input;
  const blocking = result.findings.filter((f) => f.severity === 'block');
  await recordAuditEvent(db, {
    orgId: input.orgId,
    actor: input.actor,
    action: 'review.reply_blocked',
    outcome: 'denied',
    target: { type: 'reputation_item', id: item.id },
    details: { rules: [...new Set(blocking.map((f) => f.rule))] },
  });
  const template = findTemplate(
    suggestTemplate({
      sentimentLabel: item.sentimentLabel,
      topics: JSON.parse(item.topics) as string[],
    }),
  );
  const values = await templateValues(db, { orgId: input.orgId, locationId: item.locationId });
  throw new AppError(
    'validation_failed',
    'This reply would disclose information about a patient. Change it or start from the safe template.',
    {
      fields: { text: blocking[0]?.message ?? 'The guard blocked this reply.' },
      findings: blocking.map((f) => ({
        rule: f.rule,
        message: f.message,
        start: f.start,
        end: f.end,
      })),
      suggestedTemplate: template
        ? { id: template.id, situation: template.situation, text: fillTemplate(template, values) }
        : null,
    },
  );
}

/**
 * A reply drafted in the inbox. Checked by the guard against the review (blocked → refused with
 * the reason and a safe template); held for approval when the organization requires it or the
 * guard asks for a review; otherwise approved and sent through the source's API at once (or, for
 * sites without one, left for posting by hand).
 */
export async function submitReply(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    itemId: string;
    text: string;
    templateId: string | null;
    ports: ReplyPorts;
  },
): Promise<ReplyView> {
  const text = options.text.trim();
  if (!text) throw invalid({ text: 'Write the reply first.' });
  if (text.length > MAX_REPLY)
    throw invalid({ text: `A reply is at most ${MAX_REPLY} characters.` });
  if (options.templateId !== null && !findTemplate(options.templateId))
    throw invalid({ templateId: 'Choose one of the templates.' });
  const item = await getItemRow(db, options.orgId, options.itemId);
  if (item.deletedAt)
    throw conflict('The item was deleted at its source; there is nothing to answer.');
  const result = await checkReply(db, { orgId: options.orgId, item, text });
  if (result.verdict === 'block')
    return refuseBlocked(db, { actor: options.actor, orgId: options.orgId, item, result });
  const settings = await db
    .selectFrom('reputationSettings')
    .select('requireReplyApproval')
    .where('orgId', '=', options.orgId)
    .executeTakeFirst();
  const needsApproval = settings?.requireReplyApproval === 1 || result.verdict === 'review';
  const replyId = newId();
  await inTransaction(db, async (tx) => {
    const now = new Date().toISOString();
    await tx
      .insertInto('reputationReplies')
      .values({
        id: replyId,
        orgId: options.orgId,
        itemId: item.id,
        authorId: options.actor.userId ?? 'system',
        text,
        templateId: options.templateId,
        status: needsApproval ? 'pending_approval' : 'approved',
        guardVerdict: result.verdict,
        approvedBy: needsApproval ? null : options.actor.userId,
        approvedAt: needsApproval ? null : now,
        sentAt: null,
        remoteId: null,
        remoteUrl: null,
        idempotencyKey: replyId,
        lastError: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'review.reply_submitted',
      target: { type: 'reputation_reply', id: replyId },
      details: {
        itemId: item.id,
        verdict: result.verdict,
        needsApproval,
        templateId: options.templateId,
      },
    });
    if (needsApproval)
      await notify(tx, {
        orgId: options.orgId,
        audience: { roles: ['owner', 'admin', 'compliance_officer'] },
        kind: 'review.reply_needs_approval',
        title: 'A review reply waits for approval',
        body: 'Open the inbox to read it and approve or reject it.',
        link: `/inbox?item=${item.id}`,
      });
  });
  if (needsApproval) return getReply(db, options.orgId, replyId);
  return deliverReply(db, { orgId: options.orgId, replyId, ports: options.ports });
}

export async function getReplyRow(
  db: DbOrTx,
  orgId: string,
  replyId: string,
): Promise<ReputationReplyRow> {
  const row = await db
    .selectFrom('reputationReplies')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', replyId)
    .executeTakeFirst();
  if (!row) throw notFound('The reply');
  return row;
}

async function getReply(db: DbOrTx, orgId: string, replyId: string): Promise<ReplyView> {
  return replyView(await getReplyRow(db, orgId, replyId));
}

/** Approves (someone other than the author) or rejects a held reply; an approved one is sent at once. */
export async function decideReply(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; replyId: string; approve: boolean; ports: ReplyPorts },
): Promise<ReplyView> {
  await inTransaction(db, async (tx) => {
    const reply = await getReplyRow(tx, options.orgId, options.replyId);
    if (reply.status !== 'pending_approval')
      throw conflict('This reply is not waiting for approval.');
    if (options.approve && reply.authorId === options.actor.userId)
      throw forbidden('Someone other than the author approves a reply.');
    if (options.approve) {
      const item = await getItemRow(tx, options.orgId, reply.itemId);
      const result = await checkReply(tx, { orgId: options.orgId, item, text: reply.text });
      if (result.verdict === 'block')
        throw conflict('The guard now blocks this reply; it cannot be approved.');
    }
    const now = new Date().toISOString();
    await tx
      .updateTable('reputationReplies')
      .set({
        status: options.approve ? 'approved' : 'rejected',
        approvedBy: options.approve ? options.actor.userId : null,
        approvedAt: options.approve ? now : null,
        updatedAt: now,
      })
      .where('orgId', '=', options.orgId)
      .where('id', '=', reply.id)
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: options.approve ? 'review.reply_approved' : 'review.reply_rejected',
      target: { type: 'reputation_reply', id: reply.id },
      details: { itemId: reply.itemId },
    });
  });
  if (!options.approve) return getReply(db, options.orgId, options.replyId);
  return deliverReply(db, { orgId: options.orgId, replyId: options.replyId, ports: options.ports });
}

async function markAnswered(
  db: DbOrTx,
  input: { orgId: string; itemId: string; byHand: boolean; now: string },
): Promise<void> {
  const item = await getItemRow(db, input.orgId, input.itemId);
  await db
    .updateTable('reputationItems')
    .set({
      status: item.status === 'closed' ? 'closed' : 'replied',
      repliedAt: input.now,
      replyPostedByHand: input.byHand ? 1 : item.replyPostedByHand,
      updatedAt: input.now,
    })
    .where('orgId', '=', input.orgId)
    .where('id', '=', input.itemId)
    .execute();
  // The first answer (once, even with two replies at once) moves the item into the dashboard's
  // responded counts.
  const first = await db
    .updateTable('reputationItems')
    .set({ firstResponseAt: input.now })
    .where('orgId', '=', input.orgId)
    .where('id', '=', input.itemId)
    .where('firstResponseAt', 'is', null)
    .executeTakeFirst();
  if (Number(first.numUpdatedRows) === 1)
    await rollupItemChange(db, {
      orgId: input.orgId,
      before: item,
      after: { ...item, firstResponseAt: input.now },
    });
}

/**
 * Sources whose reply is idempotent per reply (Bluesky: a record key derived from the reply, checked
 * before writing), so an answer lost to a timeout is safely asked again at once.
 */
const IDEMPOTENT_REPLIES = new Set<string>(['bluesky']);
const REPLY_ATTEMPTS = 3;

async function sendWithRetries<T>(send: () => Promise<T>, source: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const retry =
        IDEMPOTENT_REPLIES.has(source) &&
        error instanceof ConnectorError &&
        error.kind === 'transient' &&
        attempt < REPLY_ATTEMPTS;
      if (!retry) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

/**
 * Sends an approved (or failed) reply through the source's API. The reply is claimed
 * (approved → sending) first, so two clicks never post twice. Sources without an API, or items
 * not read through a connected account, stay approved: the person copies the text and marks it
 * posted by hand.
 */
export async function deliverReply(
  db: DbOrTx,
  options: { orgId: string; replyId: string; ports: ReplyPorts },
): Promise<ReplyView> {
  const reply = await getReplyRow(db, options.orgId, options.replyId);
  const item = await getItemRow(db, options.orgId, reply.itemId);
  const source = item.sourceRefId
    ? await db
        .selectFrom('reputationSources')
        .select(['channelId'])
        .where('orgId', '=', options.orgId)
        .where('id', '=', item.sourceRefId)
        .executeTakeFirst()
    : undefined;
  const inbound = options.ports.inbound[item.source];
  if (!REPLY_IN_APP.has(item.source) || !source?.channelId || !inbound) return replyView(reply);
  const claimed = await db
    .updateTable('reputationReplies')
    .set({ status: 'sending', updatedAt: new Date().toISOString() })
    .where('orgId', '=', options.orgId)
    .where('id', '=', reply.id)
    .where('status', 'in', ['approved', 'failed'])
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1)
    throw conflict('This reply is already being sent or was sent.');
  const channel = await db
    .selectFrom('channels')
    .select(['id', 'credentialsSealed'])
    .where('orgId', '=', options.orgId)
    .where('id', '=', source.channelId)
    .executeTakeFirstOrThrow();
  let credentials: unknown = JSON.parse(options.ports.box.open(channel.credentialsSealed));
  const send = () =>
    inbound.reply(
      credentials,
      {
        externalId: item.externalId,
        replyRef: item.replyRef,
        text: reply.text,
        idempotencyKey: reply.idempotencyKey,
        createdAt: reply.createdAt,
      },
      {
        onRefreshed: async (next) => {
          credentials = next;
          await db
            .updateTable('channels')
            .set({ credentialsSealed: options.ports.box.seal(JSON.stringify(next)) })
            .where('id', '=', channel.id)
            .execute();
        },
      },
    );
  try {
    const sent = await sendWithRetries(send, item.source);
    await inTransaction(db, async (tx) => {
      const now = new Date().toISOString();
      await tx
        .updateTable('reputationReplies')
        .set({
          status: 'sent',
          sentAt: now,
          remoteId: sent.remoteId,
          remoteUrl: sent.url ?? null,
          lastError: null,
          updatedAt: now,
        })
        .where('id', '=', reply.id)
        .execute();
      await markAnswered(tx, { orgId: options.orgId, itemId: item.id, byHand: false, now });
      await recordAuditEvent(tx, {
        orgId: options.orgId,
        actor: { userId: reply.approvedBy, label: 'reply', ip: null },
        action: 'review.reply_sent',
        target: { type: 'reputation_reply', id: reply.id },
        details: { itemId: item.id, source: item.source, remoteId: sent.remoteId },
      });
    });
  } catch (error) {
    const reason =
      error instanceof ConnectorError
        ? error.reason
        : 'The network did not accept the reply; try again.';
    await inTransaction(db, async (tx) => {
      await tx
        .updateTable('reputationReplies')
        .set({ status: 'failed', lastError: reason, updatedAt: new Date().toISOString() })
        .where('id', '=', reply.id)
        .execute();
      await recordAuditEvent(tx, {
        orgId: options.orgId,
        actor: { userId: reply.approvedBy, label: 'reply', ip: null },
        action: 'review.reply_failed',
        outcome: 'failure',
        target: { type: 'reputation_reply', id: reply.id },
        details: {
          itemId: item.id,
          kind: error instanceof ConnectorError ? error.kind : 'unknown',
        },
      });
    });
  }
  return getReply(db, options.orgId, reply.id);
}

/** For sites without an API: the person pasted the approved reply on the site themselves. */
export async function markPostedByHand(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; replyId: string },
): Promise<ReplyView> {
  return inTransaction(db, async (tx) => {
    const reply = await getReplyRow(tx, options.orgId, options.replyId);
    if (reply.status !== 'approved' && reply.status !== 'failed')
      throw conflict('Only an approved reply can be marked as posted by hand.');
    const now = new Date().toISOString();
    await tx
      .updateTable('reputationReplies')
      .set({ status: 'posted_by_hand', sentAt: now, updatedAt: now })
      .where('id', '=', reply.id)
      .execute();
    await markAnswered(tx, { orgId: options.orgId, itemId: reply.itemId, byHand: true, now });
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'review.reply_posted_by_hand',
      target: { type: 'reputation_reply', id: reply.id },
      details: { itemId: reply.itemId },
    });
    return replyView(await getReplyRow(tx, options.orgId, reply.id));
  });
}
