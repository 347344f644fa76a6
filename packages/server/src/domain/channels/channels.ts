import type { AccountInfo, Connector } from '../../connectors/connector.js';
import { ConnectorError } from '../../connectors/connector.js';
import type { DbOrTx, Tx } from '../../db/database.js';
import type { ChannelNetwork, ChannelRow, ChannelStatus } from '../../db/schema.js';
import { invalid, notFound } from '../../errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { ChannelConnectors } from './channel-connectors.js';
import { connectorAppError } from './connector-app-error.js';

/** A channel as the API shows it: never its credentials. */
export interface ChannelView {
  id: string;
  locationId: string;
  network: ChannelNetwork;
  handle: string;
  displayName: string;
  serviceUrl: string;
  status: ChannelStatus;
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
  lastValidatedAt: string | null;
}

export function channelView(row: ChannelRow): ChannelView {
  return {
    id: row.id,
    locationId: row.locationId,
    network: row.network,
    handle: row.handle,
    displayName: row.displayName,
    serviceUrl: row.serviceUrl,
    status: row.status,
    statusReason: row.statusReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastValidatedAt: row.lastValidatedAt,
  };
}

/**
 * Channel operations call networks, which can take seconds: they do that outside any transaction
 * and open one only for the write and its audit event (SQLite has a single writer).
 */
export function inTransaction<T>(db: DbOrTx, operation: (tx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? operation(db as Tx) : db.transaction().execute(operation);
}

export async function listChannels(db: DbOrTx, orgId: string): Promise<ChannelView[]> {
  const rows = await db
    .selectFrom('channels')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('status', '!=', 'disconnected')
    .orderBy('createdAt')
    .execute();
  return rows.map(channelView);
}

/** An active (not archived) location of this organization, or a field error on `locationId`. */
export async function requireLocation(
  db: DbOrTx,
  orgId: string,
  locationId: string,
): Promise<void> {
  const row = await db
    .selectFrom('locations')
    .select('archived')
    .where('orgId', '=', orgId)
    .where('id', '=', locationId)
    .executeTakeFirst();
  if (!row) throw invalid({ locationId: 'Choose one of your locations.' });
  if (row.archived) throw invalid({ locationId: 'This location is archived; restore it first.' });
}

export interface StoreChannelOptions {
  actor: Actor;
  orgId: string;
  locationId: string;
  network: ChannelNetwork;
  serviceUrl: string;
  account: AccountInfo;
  /** The connector's credentials object; sealed before it is stored. */
  credentials: unknown;
  box: SecretBox;
  /** The account's text limit where it differs by account or instance (Mastodon). */
  maxCharacters?: number;
}

/**
 * Saves a freshly authorized account. Connecting the same account to the same location again
 * (the usual fix for "reconnect needed") replaces its credentials instead of adding a duplicate.
 */
export async function storeChannel(db: DbOrTx, options: StoreChannelOptions): Promise<ChannelView> {
  return inTransaction(db, async (tx) => {
    const now = new Date().toISOString();
    const credentialsSealed = options.box.seal(JSON.stringify(options.credentials));
    const existing = await tx
      .selectFrom('channels')
      .select('id')
      .where('orgId', '=', options.orgId)
      .where('locationId', '=', options.locationId)
      .where('network', '=', options.network)
      .where('accountId', '=', options.account.id)
      .where('status', '!=', 'disconnected')
      .executeTakeFirst();
    const fields = {
      handle: options.account.handle,
      displayName: options.account.displayName,
      serviceUrl: options.serviceUrl,
      credentialsSealed,
      status: 'connected' as const,
      statusReason: null,
      updatedAt: now,
      lastValidatedAt: now,
      ...(options.maxCharacters !== undefined && { maxCharacters: options.maxCharacters }),
    };
    const id = existing?.id ?? newId();
    if (existing)
      await tx
        .updateTable('channels')
        .set(fields)
        .where('orgId', '=', options.orgId)
        .where('id', '=', id)
        .execute();
    else
      await tx
        .insertInto('channels')
        .values({
          id,
          orgId: options.orgId,
          locationId: options.locationId,
          network: options.network,
          accountId: options.account.id,
          createdBy: options.actor.userId ?? 'system',
          createdAt: now,
          ...fields,
        })
        .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'channel.connected',
      target: { type: 'channel', id },
      details: {
        network: options.network,
        handle: options.account.handle,
        locationId: options.locationId,
        reconnected: Boolean(existing),
      },
    });
    return getChannel(tx, options.orgId, id);
  });
}

export async function getChannel(
  db: DbOrTx,
  orgId: string,
  channelId: string,
): Promise<ChannelView> {
  return channelView(await getChannelRow(db, orgId, channelId));
}

async function getChannelRow(db: DbOrTx, orgId: string, channelId: string): Promise<ChannelRow> {
  const row = await db
    .selectFrom('channels')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', channelId)
    .where('status', '!=', 'disconnected')
    .executeTakeFirst();
  if (!row) throw notFound('The channel');
  return row;
}

/**
 * Asks the network whether the channel's credentials still work. A refusal of the credentials is
 * an answer, not an error: the channel is marked "reconnect needed" (and audited) and returned.
 */
export async function validateChannel(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    channelId: string;
    box: SecretBox;
    connectors: ChannelConnectors;
  },
): Promise<ChannelView> {
  const row = await getChannelRow(db, options.orgId, options.channelId);
  const saveRefreshed = async (next: unknown): Promise<void> => {
    await db
      .updateTable('channels')
      .set({
        credentialsSealed: options.box.seal(JSON.stringify(next)),
        updatedAt: new Date().toISOString(),
      })
      .where('orgId', '=', options.orgId)
      .where('id', '=', row.id)
      .execute();
  };
  let account: AccountInfo;
  try {
    const credentials: unknown = JSON.parse(options.box.open(row.credentialsSealed));
    // Each connector takes its own credentials type; the sealed JSON was written by the same one.
    const connector = options.connectors[row.network] as unknown as Pick<
      Connector<unknown, never>,
      'validate'
    >;
    account = await connector.validate(credentials, { onRefreshed: saveRefreshed });
  } catch (error) {
    if (error instanceof ConnectorError && error.kind === 'reconnect_needed')
      return markReconnectNeeded(db, {
        actor: options.actor,
        orgId: options.orgId,
        channelId: row.id,
        reason: error.reason,
      });
    throw connectorAppError(error, 'channel');
  }
  return inTransaction(db, async (tx) => {
    const now = new Date().toISOString();
    await tx
      .updateTable('channels')
      .set({
        status: 'connected',
        statusReason: null,
        handle: account.handle,
        displayName: account.displayName,
        lastValidatedAt: now,
        updatedAt: now,
      })
      .where('orgId', '=', options.orgId)
      .where('id', '=', row.id)
      .execute();
    if (row.status === 'reconnect_needed')
      await recordAuditEvent(tx, {
        orgId: options.orgId,
        actor: options.actor,
        action: 'channel.connected',
        target: { type: 'channel', id: row.id },
        details: { network: row.network, handle: account.handle, restored: true },
      });
    return getChannel(tx, options.orgId, row.id);
  });
}

/** Marks a channel whose credentials the network refused; the dispatcher will use this too. */
export async function markReconnectNeeded(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; channelId: string; reason: string },
): Promise<ChannelView> {
  return inTransaction(db, async (tx) => {
    const row = await getChannelRow(tx, options.orgId, options.channelId);
    const now = new Date().toISOString();
    await tx
      .updateTable('channels')
      .set({
        status: 'reconnect_needed',
        statusReason: options.reason,
        lastValidatedAt: now,
        updatedAt: now,
      })
      .where('orgId', '=', options.orgId)
      .where('id', '=', row.id)
      .execute();
    if (row.status !== 'reconnect_needed')
      await recordAuditEvent(tx, {
        orgId: options.orgId,
        actor: options.actor,
        action: 'channel.reconnect_needed',
        target: { type: 'channel', id: row.id },
        details: { network: row.network, handle: row.handle, reason: options.reason },
      });
    return getChannel(tx, options.orgId, row.id);
  });
}

/**
 * Disconnects a channel: its credentials are erased (not kept sealed), the row stays so the
 * audit trail and later the post history keep pointing at it.
 */
export async function disconnectChannel(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; channelId: string },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await getChannelRow(tx, options.orgId, options.channelId);
    const now = new Date().toISOString();
    await tx
      .updateTable('channels')
      .set({ status: 'disconnected', statusReason: null, credentialsSealed: '', updatedAt: now })
      .where('orgId', '=', options.orgId)
      .where('id', '=', row.id)
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'channel.disconnected',
      target: { type: 'channel', id: row.id },
      details: { network: row.network, handle: row.handle },
    });
  });
}
