import type { DbOrTx } from '../../db/database.js';
import type {
  ReputationSourceName,
  ReputationSourceRow,
  ReputationSourceStatus,
} from '../../db/reputation-schema.js';
import { invalid, notFound } from '../../errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { InboundSources } from './inbound-sources.js';
import { inTransaction } from './item-actions.js';
import { can } from '../policy/policy.js';

/** A source as the app shows it: never its sealed configuration. */
export interface SourceView {
  id: string;
  source: ReputationSourceName;
  mode: string;
  name: string;
  locationId: string | null;
  channelId: string | null;
  enabled: boolean;
  status: ReputationSourceStatus;
  consecutiveFailures: number;
  lastErrorKind: string | null;
  lastErrorMessage: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string | null;
  /** The address Meta posts to (webhook sources only), relative to the API. */
  webhookPath: string | null;
}

export function sourceView(row: ReputationSourceRow): SourceView {
  return {
    id: row.id,
    source: row.source,
    mode: row.mode,
    name: row.name,
    locationId: row.locationId,
    channelId: row.channelId,
    enabled: row.enabled === 1,
    status: row.status,
    consecutiveFailures: row.consecutiveFailures,
    lastErrorKind: row.lastErrorKind,
    lastErrorMessage: row.lastErrorMessage,
    lastPolledAt: row.lastPolledAt,
    lastSuccessAt: row.lastSuccessAt,
    nextPollAt: row.nextPollAt,
    webhookPath: row.mode === 'webhook' ? `/api/webhooks/meta/${row.id}` : null,
  };
}

export async function listSources(db: DbOrTx, orgId: string): Promise<SourceView[]> {
  const rows = await db
    .selectFrom('reputationSources')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt')
    .execute();
  return rows.map(sourceView);
}

export type NewSource =
  | { mode: 'poll'; channelId: string }
  | {
      mode: 'webhook';
      source: 'facebook' | 'instagram';
      name: string;
      locationId: string | null;
      /** The Meta app secret that signs deliveries (X-Hub-Signature-256); stored sealed. */
      appSecret: string;
      /** The verify token Meta echoes when the subscription is set up. */
      verifyToken: string;
    };

/**
 * Adds where reviews come from: a connected channel to poll (its network must have an inbound
 * adapter), or a Meta webhook with the app secret that signs its deliveries.
 */
export async function createSource(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    input: NewSource;
    box: SecretBox;
    inbound: InboundSources;
  },
): Promise<SourceView> {
  const { input } = options;
  return inTransaction(db, async (tx) => {
    const now = new Date().toISOString();
    const id = newId();
    let values: Omit<
      ReputationSourceRow,
      | 'id'
      | 'orgId'
      | 'createdAt'
      | 'updatedAt'
      | 'cursor'
      | 'consecutiveFailures'
      | 'lastErrorKind'
      | 'lastErrorMessage'
      | 'lastPolledAt'
      | 'lastSuccessAt'
    >;
    if (input.mode === 'poll') {
      const channel = await tx
        .selectFrom('channels')
        .select(['id', 'network', 'handle', 'locationId'])
        .where('orgId', '=', options.orgId)
        .where('id', '=', input.channelId)
        .where('status', '!=', 'disconnected')
        .executeTakeFirst();
      if (!channel) throw invalid({ channelId: 'Choose one of your connected accounts.' });
      if (!options.inbound[channel.network])
        throw invalid({ channelId: 'Reading mentions from this network is not available yet.' });
      const existing = await tx
        .selectFrom('reputationSources')
        .select('id')
        .where('orgId', '=', options.orgId)
        .where('channelId', '=', channel.id)
        .executeTakeFirst();
      if (existing) throw invalid({ channelId: 'This account is already a source.' });
      values = {
        source: channel.network as ReputationSourceName,
        mode: 'poll',
        name: channel.handle,
        locationId: channel.locationId,
        channelId: channel.id,
        configSealed: null,
        enabled: 1,
        status: 'ok',
        nextPollAt: now,
      };
    } else {
      if (input.appSecret.trim().length < 16)
        throw invalid({ appSecret: 'Paste the app secret from the Meta app dashboard.' });
      if (input.verifyToken.trim().length < 8)
        throw invalid({ verifyToken: 'Choose a verify token of at least 8 characters.' });
      values = {
        source: input.source,
        mode: 'webhook',
        name: input.name.trim() || input.source,
        locationId: input.locationId,
        channelId: null,
        configSealed: options.box.seal(
          JSON.stringify({
            appSecret: input.appSecret.trim(),
            verifyToken: input.verifyToken.trim(),
          }),
        ),
        enabled: 1,
        status: 'ok',
        nextPollAt: null,
      };
    }
    await tx
      .insertInto('reputationSources')
      .values({
        id,
        orgId: options.orgId,
        ...values,
        cursor: null,
        consecutiveFailures: 0,
        lastErrorKind: null,
        lastErrorMessage: null,
        lastPolledAt: null,
        lastSuccessAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'review.source_added',
      target: { type: 'reputation_source', id },
      details: { source: values.source, mode: values.mode },
    });
    return sourceView(await getSourceRow(tx, options.orgId, id));
  });
}

export async function getSourceRow(
  db: DbOrTx,
  orgId: string,
  sourceId: string,
): Promise<ReputationSourceRow> {
  const row = await db
    .selectFrom('reputationSources')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', sourceId)
    .executeTakeFirst();
  if (!row) throw notFound('The source');
  return row;
}

/** Pauses or resumes a source; resuming clears its failures and polls it at once. */
export async function setSourceEnabled(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; sourceId: string; enabled: boolean },
): Promise<SourceView> {
  return inTransaction(db, async (tx) => {
    await getSourceRow(tx, options.orgId, options.sourceId);
    const now = new Date().toISOString();
    await tx
      .updateTable('reputationSources')
      .set({
        enabled: options.enabled ? 1 : 0,
        status: options.enabled ? 'ok' : 'paused',
        consecutiveFailures: 0,
        lastErrorKind: null,
        lastErrorMessage: null,
        nextPollAt: options.enabled ? now : null,
        updatedAt: now,
      })
      .where('orgId', '=', options.orgId)
      .where('id', '=', options.sourceId)
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: options.enabled ? 'review.source_resumed' : 'review.source_paused',
      target: { type: 'reputation_source', id: options.sourceId },
    });
    return sourceView(await getSourceRow(tx, options.orgId, options.sourceId));
  });
}

/**
 * Removes a source: nothing is read from it any more. Its items stay in the inbox with their
 * notes and replies; replies to them are then posted by hand.
 */
export async function removeSource(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; sourceId: string },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await getSourceRow(tx, options.orgId, options.sourceId);
    await tx
      .deleteFrom('reputationSources')
      .where('orgId', '=', options.orgId)
      .where('id', '=', options.sourceId)
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'review.source_removed',
      target: { type: 'reputation_source', id: options.sourceId },
      details: { source: row.source, mode: row.mode },
    });
  });
}

/** A member who can be given an item: everyone whose role may answer reviews. */
export interface Assignee {
  userId: string;
  name: string;
  role: string;
}

/** Everyone an item can be assigned to (not only those who have items now), by name. */
export async function listAssignees(db: DbOrTx, orgId: string): Promise<Assignee[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select(['memberships.userId', 'users.name', 'memberships.role'])
    .where('memberships.orgId', '=', orgId)
    .orderBy('users.name')
    .execute();
  return rows
    .filter((r) => can(r.role, 'review.respond'))
    .map((r) => ({ userId: r.userId, name: r.name, role: r.role }));
}
