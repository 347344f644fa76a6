import { ConnectorError } from '../../connectors/connector-error.js';
import type { Db } from '../../db/database.js';
import type { ReputationSourceRow } from '../../db/reputation-schema.js';
import { backoffDelay } from '../../jobs/backoff.js';
import type { SecretBox } from '../../security/secret-box.js';
import { systemActor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { notify } from '../notifications/notify.js';
import { alertNewItems } from './alerts.js';
import type { InboundSources } from './inbound-sources.js';
import { loadIngestContext } from './ingest-context.js';
import { ingestItems } from './ingest-items.js';

/**
 * Workers look for due sources every few seconds (ReputationLoop), and a new item must reach the
 * inbox within a minute. A healthy source is due again 27–33 s after it was read, so an item waits
 * at most about 40 s for its poll; the jitter keeps sources from being read in lockstep.
 */
export const POLL_INTERVAL_MS = 30_000;
const JITTER = 0.2;
/** Failures in a row after which a backing-off source is shown as failing. */
const FAILING_AFTER = 5;
const BACKOFF = { baseMs: 60_000, maxMs: 60 * 60_000 };
const PAGE_LIMIT = 50;
/** Pages read per source per poll; the rest wait for the next poll. */
const MAX_PAGES = 10;

/** The source's network has no inbound adapter (any more): pause it rather than retry. */
class SourceUnavailable extends Error {
  constructor() {
    super('This network cannot be read yet.');
  }
}

export interface PollReport {
  polled: number;
  created: number;
  failed: number;
}

export interface PollOptions {
  box: SecretBox;
  inbound: InboundSources;
  now?: Date;
  random?: () => number;
}

/**
 * Reads every enabled polled source that is due: new items are stored with their analysis (and
 * alert), the cursor moves only after they are stored, and the next poll is scheduled with
 * jitter. A failing source backs off exponentially (or as long as the network asks); a refused
 * credential pauses it and tells the managers to reconnect. Safe to run from several workers:
 * each source is claimed by moving its `nextPollAt` before it is read.
 */
export async function pollDueSources(db: Db, options: PollOptions): Promise<PollReport> {
  const now = options.now ?? new Date();
  const due = await db
    .selectFrom('reputationSources')
    .selectAll()
    .where('enabled', '=', 1)
    .where('mode', '=', 'poll')
    .where('nextPollAt', '<=', now.toISOString())
    .orderBy('nextPollAt')
    .limit(100)
    .execute();
  const report: PollReport = { polled: 0, created: 0, failed: 0 };
  for (const source of due) {
    const claim = await db
      .updateTable('reputationSources')
      .set({ nextPollAt: new Date(now.getTime() + BACKOFF.maxMs).toISOString() })
      .where('id', '=', source.id)
      .where('nextPollAt', '=', source.nextPollAt)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue;
    report.polled += 1;
    try {
      report.created += await pollOne(db, { source, options, now });
    } catch (error) {
      report.failed += 1;
      await recordFailure(db, { source, error, options, now });
    }
  }
  return report;
}

function nextPoll(now: Date, random: () => number): string {
  const factor = 1 - JITTER / 2 + JITTER * random();
  return new Date(now.getTime() + POLL_INTERVAL_MS * factor).toISOString();
}

async function pollOne(
  db: Db,
  input: { source: ReputationSourceRow; options: PollOptions; now: Date },
): Promise<number> {
  const { source, options, now } = input;
  const inbound = options.inbound[source.source];
  if (!inbound || !source.channelId) throw new SourceUnavailable();
  const channel = await db
    .selectFrom('channels')
    .select(['id', 'credentialsSealed', 'status'])
    .where('orgId', '=', source.orgId)
    .where('id', '=', source.channelId)
    .executeTakeFirst();
  if (!channel || channel.status !== 'connected')
    throw new ConnectorError({
      network: inbound.network,
      kind: 'reconnect_needed',
      reason: 'The account is not connected; reconnect it under Channels.',
    });
  let credentials: unknown = JSON.parse(options.box.open(channel.credentialsSealed));
  const hooks = {
    onRefreshed: async (next: unknown): Promise<void> => {
      credentials = next;
      await db
        .updateTable('channels')
        .set({
          credentialsSealed: options.box.seal(JSON.stringify(next)),
          updatedAt: now.toISOString(),
        })
        .where('id', '=', channel.id)
        .execute();
    },
  };
  const context = await loadIngestContext(db, source.orgId);
  let cursor = source.cursor;
  let created = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await inbound.fetchSince(credentials, { cursor, limit: PAGE_LIMIT }, hooks);
    await db.transaction().execute(async (tx) => {
      const stored = await ingestItems(tx, context, {
        source: source.source,
        sourceRefId: source.id,
        locationId: source.locationId,
        importId: null,
        items: result.items,
      });
      created += stored.created.length;
      await alertNewItems(tx, { orgId: source.orgId, items: stored.created, now });
      await tx
        .updateTable('reputationSources')
        .set({ cursor: result.cursor })
        .where('id', '=', source.id)
        .execute();
      if (stored.created.length + stored.updated + stored.deleted > 0)
        await recordAuditEvent(tx, {
          orgId: source.orgId,
          actor: systemActor,
          action: 'review.polled',
          target: { type: 'reputation_source', id: source.id },
          details: {
            created: stored.created.length,
            updated: stored.updated,
            deleted: stored.deleted,
          },
        });
    });
    cursor = result.cursor;
    if (!result.hasMore) break;
  }
  await db
    .updateTable('reputationSources')
    .set({
      status: 'ok',
      consecutiveFailures: 0,
      lastErrorKind: null,
      lastErrorMessage: null,
      lastPolledAt: now.toISOString(),
      lastSuccessAt: now.toISOString(),
      nextPollAt: nextPoll(now, options.random ?? Math.random),
      updatedAt: now.toISOString(),
    })
    .where('id', '=', source.id)
    .execute();
  return created;
}

async function recordFailure(
  db: Db,
  input: { source: ReputationSourceRow; error: unknown; options: PollOptions; now: Date },
): Promise<void> {
  const { source, error, options, now } = input;
  const failures = source.consecutiveFailures + 1;
  const known = error instanceof ConnectorError;
  const unavailable = error instanceof SourceUnavailable;
  const kind = known ? error.kind : unavailable ? 'unavailable' : 'transient';
  const message = known
    ? error.reason
    : unavailable
      ? error.message
      : 'The source could not be read; Bedside will try again.';
  const paused = kind === 'reconnect_needed' || unavailable;
  const delay =
    known && error.retryAfterSeconds !== undefined
      ? Math.max(error.retryAfterSeconds * 1000, BACKOFF.baseMs)
      : backoffDelay(failures, BACKOFF, options.random);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('reputationSources')
      .set({
        status: paused ? 'paused' : failures >= FAILING_AFTER ? 'failing' : 'backing_off',
        consecutiveFailures: failures,
        lastErrorKind: kind,
        lastErrorMessage: message,
        lastPolledAt: now.toISOString(),
        nextPollAt: paused ? null : new Date(now.getTime() + delay).toISOString(),
        enabled: paused ? 0 : 1,
        updatedAt: now.toISOString(),
      })
      .where('id', '=', source.id)
      .execute();
    await recordAuditEvent(tx, {
      orgId: source.orgId,
      actor: systemActor,
      action: 'review.poll_failed',
      outcome: 'failure',
      target: { type: 'reputation_source', id: source.id },
      details: { kind, failures },
    });
    if (paused)
      await notify(tx, {
        orgId: source.orgId,
        audience: { roles: ['owner', 'admin'] },
        kind: 'review.source_paused',
        title: `Reading ${source.name} stopped`,
        body: 'The account needs reconnecting before new mentions arrive in the inbox.',
        link: '/settings/channels',
        email: true,
      });
  });
}
