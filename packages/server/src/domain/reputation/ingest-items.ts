import { createHash, randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { InboundItem } from '../../connectors/inbound.js';
import type { DbOrTx, Tx } from '../../db/database.js';
import type {
  ReputationItemTable,
  ReputationItemTopicTable,
  ReputationSourceName,
  SentimentLabel,
  Urgency,
} from '../../db/reputation-schema.js';
import { newId } from '../../security/tokens.js';
import { analyzeItem, inboundFindings } from './analyze-item.js';
import { inferProvider, type IngestContext } from './ingest-context.js';
import { FACT_COLUMNS, RollupDelta, applyRollupDelta, rollupFacts } from './dashboard/rollups.js';

/** An item from any path (poll, webhook, CSV/JSON, .eml), before storage. */
export interface IncomingItem extends InboundItem {
  /** Where the item belongs; the source's location when absent. */
  locationId?: string | null;
  /** The analysis, when it was worked out ahead (see {@link prepareAnalysis}). */
  analysis?: AnalysisColumns;
}

type AnalysisColumns = ReturnType<typeof analysisColumns>;

/**
 * Works out the items' analysis (sentiment, topics, urgency, the guard's PHI check) before they
 * are stored, so an import can do this CPU work for the next batch while the database writes the
 * previous one. Items that turn out to be unchanged did it for nothing; that is the price.
 */
export function prepareAnalysis(context: IngestContext, items: IncomingItem[]): IncomingItem[] {
  for (const item of items) if (!item.deleted) item.analysis ??= analysisColumns(context, item);
  return items;
}

export interface IngestBatch {
  source: ReputationSourceName;
  sourceRefId: string | null;
  /** The source's location, used when an item names none. */
  locationId: string | null;
  importId: string | null;
  items: readonly IncomingItem[];
}

/** A newly stored item that may need an alert (see alerts). */
export interface IngestedItem {
  id: string;
  source: ReputationSourceName;
  kind: IncomingItem['kind'];
  rating: number | null;
  publishedAt: string | null;
  sentimentLabel: SentimentLabel;
  urgency: Urgency;
  locationId: string | null;
}

export interface IngestReport {
  created: IngestedItem[];
  updated: number;
  unchanged: number;
  deleted: number;
}

let lastMs = 0;
let sequence = 0;

/**
 * A time-ordered id for a new item (UUID version 7, RFC 9562: 48 bits of milliseconds, a 12-bit
 * sequence within the millisecond, 62 random bits). Items arrive in time order, so their ids —
 * the items' primary key and the first column of the topic rows' — are appended at the end of
 * those indexes instead of landing on a random page of them: a batch dirties a few index pages,
 * not one per row (with random ids, the write cost grew with the table).
 */
export function newItemId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs += 1;
    sequence = 0;
  }
  const time = lastMs.toString(16).padStart(12, '0');
  // The variant and 62 random bits of a version 4 UUID (cheaper than randomBytes per id).
  const random = randomUUID().slice(19);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${sequence.toString(16).padStart(3, '0')}-${random}`;
}

/** Rows per INSERT: under SQLite's and PostgreSQL's bound-parameter limits with ~40 columns. */
const CHUNK = 200;

/**
 * Stores a batch of items inside the caller's transaction. Identity is (organization, source,
 * the source's id): an item seen again with the same content changes nothing; with new content
 * its previous text is kept as a version and it is analysed again; reported deleted, it is
 * marked deleted (never removed: replies and notes stay attached).
 */
export async function ingestItems(
  tx: Tx,
  context: IngestContext,
  batch: IngestBatch,
): Promise<IngestReport> {
  const report: IngestReport = { created: [], updated: 0, unchanged: 0, deleted: 0 };
  const unique = new Map<string, IncomingItem>();
  for (const item of batch.items) unique.set(item.externalId, item);
  const all = [...unique.values()];
  // What the batch changes in the dashboard's rollups, summed per rollup row and written once at
  // the end: one upsert per row the batch touches, not one per chunk (fewer dead row versions).
  const rollup = new RollupDelta();
  for (let i = 0; i < all.length; i += CHUNK)
    await ingestChunk(tx, { context, batch, items: all.slice(i, i + CHUNK), report, rollup });
  await applyRollupDelta(tx, context.orgId, rollup);
  return report;
}

interface ChunkWork {
  context: IngestContext;
  batch: IngestBatch;
  items: IncomingItem[];
  report: IngestReport;
  rollup: RollupDelta;
}

function contentHash(item: IncomingItem): string {
  return createHash('sha256')
    .update(`${item.text}\u0000${item.rating ?? ''}`)
    .digest('base64url')
    .slice(0, 22);
}

/**
 * The stored items among a chunk's source ids, with what an update needs: one lookup of the
 * identity index per id — when the database's planner has statistics for the table (see
 * `ItemStatistics` in import-reviews).
 */
export function existingItemsQuery(
  tx: DbOrTx,
  input: { orgId: string; source: ReputationSourceName; externalIds: string[] },
) {
  return tx
    .selectFrom('reputationItems')
    .select(['id', 'externalId', 'contentHash', 'text', 'version', ...FACT_COLUMNS])
    .where('orgId', '=', input.orgId)
    .where('source', '=', input.source)
    .where('externalId', 'in', input.externalIds);
}

async function ingestChunk(tx: Tx, work: ChunkWork): Promise<void> {
  const { context, batch, items, report, rollup } = work;
  const existing = await existingItemsQuery(tx, {
    orgId: context.orgId,
    source: batch.source,
    externalIds: items.map((i) => i.externalId),
  }).execute();
  const byExternal = new Map(existing.map((row) => [row.externalId, row]));
  const now = new Date().toISOString();
  const inserts: Insertable<ReputationItemTable>[] = [];
  const topicRows: Insertable<ReputationItemTopicTable>[] = [];

  for (const item of items) {
    const row = byExternal.get(item.externalId);
    if (!row) {
      if (item.deleted) {
        report.unchanged += 1;
        continue;
      }
      const created = newRow(context, { batch, item, now });
      inserts.push(created);
      rollup.add(rollupFacts(created as FactRow), 1);
      for (const topic of JSON.parse(created.topics ?? '[]') as string[])
        topicRows.push({
          itemId: created.id,
          orgId: context.orgId,
          topic,
          receivedAt: now,
          sentimentLabel: created.sentimentLabel ?? null,
        });
      report.created.push({
        id: created.id,
        source: batch.source,
        kind: item.kind,
        rating: item.rating,
        publishedAt: item.publishedAt,
        sentimentLabel: created.sentimentLabel ?? 'neutral',
        urgency: created.urgency ?? 'none',
        locationId: created.locationId ?? null,
      });
      continue;
    }
    if (item.deleted) {
      if (row.deletedAt) report.unchanged += 1;
      else {
        await tx
          .updateTable('reputationItems')
          .set({ deletedAt: item.editedAt ?? now, updatedAt: now })
          .where('orgId', '=', context.orgId)
          .where('id', '=', row.id)
          .execute();
        rollup.add(rollupFacts(row), -1);
        report.deleted += 1;
      }
      continue;
    }
    if (row.contentHash === contentHash(item)) {
      report.unchanged += 1;
      continue;
    }
    const after = await updateContent(tx, { context, row, item, now });
    rollup.change(rollupFacts(row), rollupFacts(after));
    report.updated += 1;
  }
  for (let i = 0; i < inserts.length; i += CHUNK)
    await tx
      .insertInto('reputationItems')
      .values(inserts.slice(i, i + CHUNK))
      .execute();
  for (let i = 0; i < topicRows.length; i += 500)
    await tx
      .insertInto('reputationItemTopics')
      .values(topicRows.slice(i, i + 500))
      .execute();
}

/** A new row as the rollups read it (every fact column is set by newRow). */
type FactRow = Parameters<typeof rollupFacts>[0];

function analysisColumns(context: IngestContext, item: IncomingItem) {
  const analysis = analyzeItem(item.text, item.rating);
  const findings = inboundFindings(context.guard, item.text);
  return {
    sentimentScore: analysis.sentimentScore,
    sentimentLabel: analysis.sentimentLabel,
    topics: JSON.stringify(analysis.topics),
    urgency: analysis.urgency,
    urgencyReasons: JSON.stringify(analysis.urgencyReasons),
    phiFlag: findings.length > 0 ? 1 : 0,
    phiFindings: JSON.stringify(findings),
  };
}

/** Negative or urgent items are due within the organization's SLA; others only if it sets one. */
export function slaDue(
  context: IngestContext,
  options: { label: SentimentLabel; urgency: Urgency; receivedAt: string },
): string | null {
  const needsAnswer = options.label === 'negative' || options.urgency !== 'none';
  const hours = needsAnswer ? context.slaNegativeHours : context.slaOtherHours;
  if (hours === null) return null;
  return new Date(Date.parse(options.receivedAt) + hours * 3_600_000).toISOString();
}

function newRow(
  context: IngestContext,
  input: { batch: IngestBatch; item: IncomingItem; now: string },
): Insertable<ReputationItemTable> {
  const { batch, item, now } = input;
  const analysis = item.analysis ?? analysisColumns(context, item);
  const wanted = item.locationId ?? batch.locationId;
  const locationId = wanted && context.locationIds.has(wanted) ? wanted : null;
  return {
    id: newItemId(),
    orgId: context.orgId,
    sourceRefId: batch.sourceRefId,
    source: batch.source,
    externalId: item.externalId,
    kind: item.kind,
    parentExternalId: item.parentExternalId,
    threadExternalId: item.threadExternalId,
    url: item.url,
    authorName: item.authorName,
    authorHandle: item.authorHandle,
    text: item.text,
    rating: item.rating,
    locationId,
    providerId: inferProvider(context, item.text),
    publishedAt: item.publishedAt,
    receivedAt: now,
    editedAt: item.editedAt,
    deletedAt: null,
    contentHash: contentHash(item),
    version: 1,
    ...analysis,
    status: 'new',
    assigneeId: null,
    slaDueAt: slaDue(context, {
      label: analysis.sentimentLabel,
      urgency: analysis.urgency,
      receivedAt: now,
    }),
    firstResponseAt: null,
    repliedAt: null,
    closedAt: null,
    replyPostedByHand: 0,
    importId: batch.importId,
    replyRef: item.replyRef,
    createdAt: now,
    updatedAt: now,
  };
}

async function updateContent(
  tx: Tx,
  input: {
    context: IngestContext;
    row: FactRow & { id: string; text: string; version: number };
    item: IncomingItem;
    now: string;
  },
): Promise<FactRow> {
  const { context, row, item, now } = input;
  await tx
    .insertInto('reputationItemVersions')
    .values({
      id: newId(),
      orgId: context.orgId,
      itemId: row.id,
      version: row.version,
      text: row.text,
      rating: row.rating,
      replacedAt: now,
    })
    .execute();
  const analysis = item.analysis ?? analysisColumns(context, item);
  await tx
    .updateTable('reputationItems')
    .set({
      text: item.text,
      rating: item.rating,
      contentHash: contentHash(item),
      version: row.version + 1,
      editedAt: item.editedAt ?? now,
      deletedAt: null,
      ...analysis,
      updatedAt: now,
    })
    .where('orgId', '=', context.orgId)
    .where('id', '=', row.id)
    .execute();
  await tx.deleteFrom('reputationItemTopics').where('itemId', '=', row.id).execute();
  const topics = JSON.parse(analysis.topics) as string[];
  const received = { receivedAt: row.receivedAt };
  const after: FactRow = {
    ...row,
    rating: item.rating,
    sentimentLabel: analysis.sentimentLabel,
    urgency: analysis.urgency,
    topics: analysis.topics,
    deletedAt: null,
  };
  if (topics.length > 0)
    await tx
      .insertInto('reputationItemTopics')
      .values(
        topics.map((topic) => ({
          itemId: row.id,
          orgId: context.orgId,
          topic,
          receivedAt: received.receivedAt,
          sentimentLabel: analysis.sentimentLabel,
        })),
      )
      .execute();
  return after;
}
