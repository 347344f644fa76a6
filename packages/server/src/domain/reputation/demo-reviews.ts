import type { DbOrTx, Tx } from '../../db/database.js';
import type { ReputationSourceName } from '../../db/reputation-schema.js';
import { newId } from '../../security/tokens.js';
import { alertNewItems } from './alerts.js';
import { FACT_COLUMNS, rollupItemChange, type FactColumns } from './dashboard/rollups.js';
import {
  LEGAL_THREAT,
  MENTIONS,
  MIXED,
  NEGATIVE,
  POSITIVE,
  WITH_PHONE,
  type DemoReviewText,
} from './demo-review-texts.js';
import { inTransaction } from './item-actions.js';
import { loadIngestContext, type IngestContext } from './ingest-context.js';
import { ingestItems, slaDue, type IncomingItem } from './ingest-items.js';
import { fillTemplate, findTemplate, suggestTemplate, templateValues } from './reply-templates.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const DEMO_REVIEW_COUNT = 120;

/** Where the demo's items come from: review sites with stars, a Page's comments, mentions. */
const SOURCES: { source: ReputationSourceName; kind: IncomingItem['kind']; share: number }[] = [
  { source: 'google', kind: 'review', share: 40 },
  { source: 'healthgrades', kind: 'review', share: 20 },
  { source: 'facebook', kind: 'comment', share: 15 },
  { source: 'zocdoc', kind: 'review', share: 8 },
  { source: 'yelp', kind: 'review', share: 7 },
  { source: 'bluesky', kind: 'mention', share: 10 },
];

/** A small seeded generator (mulberry32), so every demo has the same reviews. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Planned {
  source: ReputationSourceName;
  item: IncomingItem;
  /** Location index: 0 Portland, 1 Denver. */
  location: number;
}

const ENDINGS = new Map<readonly DemoReviewText[], string[]>([
  [POSITIVE, ['', ' Thank you!', ' Highly recommend.', ' We will be back.']],
  [MIXED, ['', ' Hoping it improves.']],
  [NEGATIVE, ['', ' Disappointed.', ' Please do better.']],
]);

function plan(now: number): Planned[] {
  const random = seeded(20261128);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // Each list is walked in turn (so every text is used about as often), with a closing words
  // that keep its tone, so the inbox does not read the same sentence five times over.
  const turns = new Map<readonly DemoReviewText[], number>();
  const next = (list: readonly DemoReviewText[]): DemoReviewText => {
    const turn = turns.get(list) ?? 0;
    turns.set(list, turn + 1);
    const base = list[turn % list.length]!;
    const endings = ENDINGS.get(list) ?? [''];
    return { ...base, text: base.text + endings[Math.floor(random() * endings.length)]! };
  };
  const weighted = SOURCES.flatMap((s) => Array<(typeof SOURCES)[number]>(s.share).fill(s));
  const planned: Planned[] = [];
  const add = (
    at: number,
    content: DemoReviewText,
    where: { source: (typeof SOURCES)[number]; location: number },
  ) => {
    const i = planned.length;
    const rated = where.source.kind === 'review';
    planned.push({
      source: where.source.source,
      location: where.location,
      item: {
        externalId: `demo-${where.source.source}-${i}`,
        kind: where.source.kind,
        text: content.text,
        rating: rated ? (content.rating ?? 4) : null,
        authorName: `Demo reviewer ${i + 1}`,
        authorHandle: where.source.kind === 'mention' ? `demo-reviewer-${i + 1}.bsky.test` : null,
        url: null,
        parentExternalId: null,
        threadExternalId: null,
        publishedAt: new Date(at).toISOString(),
        editedAt: null,
        deleted: false,
        replyRef: null,
      },
    });
  };
  for (let i = 0; i < DEMO_REVIEW_COUNT - 2; i++) {
    const source = pick(weighted);
    const roll = random();
    const content =
      source.kind === 'mention'
        ? next(MENTIONS)
        : next(roll < 0.62 ? POSITIVE : roll < 0.78 ? MIXED : NEGATIVE);
    // Spread over 90 days; the newest few arrived today.
    const daysAgo = i < 3 ? random() * 0.9 : random() * 89 + 0.5;
    add(now - daysAgo * DAY, content, { source, location: random() < 0.55 ? 0 : 1 });
  }
  const google = SOURCES[0]!;
  add(now - 5 * HOUR, LEGAL_THREAT, { source: google, location: 0 });
  add(now - 30 * HOUR, WITH_PHONE, { source: SOURCES[1]!, location: 1 });
  return planned;
}

/**
 * Seeds the demo practice's inbox with {@link DEMO_REVIEW_COUNT} synthetic reviews, comments and
 * mentions over the last 90 days, stored by ingestItems like any poll or import (analysis, topics,
 * the guard's PHI check, providers, SLA, rollups) and passed to alertNewItems, which ignores the
 * ones older than three days. They then look as if they had arrived over those days: each was
 * received a few minutes after it was published, older ones were answered with a safe template or
 * closed, and a few are assigned to the front desk and the marketer.
 */
export function createDemoReviews(
  db: DbOrTx,
  options: { orgId: string; repliedBy: string; assignees: string[]; now?: Date },
): Promise<{ created: number }> {
  return inTransaction(db, (tx) => seedReviews(tx, options));
}

async function seedReviews(
  tx: Tx,
  options: { orgId: string; repliedBy: string; assignees: string[]; now?: Date },
): Promise<{ created: number }> {
  const now = (options.now ?? new Date()).getTime();
  const context = await loadIngestContext(tx, options.orgId);
  const locations = await tx
    .selectFrom('locations')
    .select(['id'])
    .where('orgId', '=', options.orgId)
    .orderBy('createdAt')
    .execute();
  const planned = plan(now);
  const created = [];
  for (const { source } of SOURCES)
    for (const [index, location] of locations.entries()) {
      const items = planned.filter((p) => p.source === source && p.location === index);
      if (items.length === 0) continue;
      const report = await ingestItems(tx, context, {
        source,
        sourceRefId: null,
        locationId: location.id,
        importId: null,
        items: items.map((p) => p.item),
      });
      created.push(...report.created);
    }
  await alertNewItems(tx, { orgId: options.orgId, items: created, now: new Date(now) });
  await settleHistory(tx, { ...options, now, context });
  return { created: created.length };
}

/** Receipt times, replies, closures and assignments, as weeks of real use would leave them. */
async function settleHistory(
  tx: Tx,
  options: {
    orgId: string;
    repliedBy: string;
    assignees: string[];
    now: number;
    context: IngestContext;
  },
): Promise<void> {
  const rows = await tx
    .selectFrom('reputationItems')
    .select(['id', ...FACT_COLUMNS])
    .where('orgId', '=', options.orgId)
    .orderBy('publishedAt', 'desc')
    .execute();
  const random = seeded(7);
  let assigned = 0;
  for (const row of rows) {
    const published = Date.parse(row.publishedAt ?? row.receivedAt);
    const receivedAt = new Date(Math.min(published + 7 * 60_000, options.now)).toISOString();
    const urgent = row.urgency !== 'none';
    // Each was read by a poll a few minutes after it was published.
    const negative = row.sentimentLabel === 'negative';
    await tx
      .updateTable('reputationItems')
      .set({
        receivedAt,
        createdAt: receivedAt,
        slaDueAt: slaDue(options.context, {
          label: row.sentimentLabel ?? 'neutral',
          urgency: row.urgency,
          receivedAt,
        }),
      })
      .where('id', '=', row.id)
      .execute();
    await tx
      .updateTable('reputationItemTopics')
      .set({ receivedAt })
      .where('itemId', '=', row.id)
      .execute();
    const ageDays = (options.now - published) / DAY;
    if (urgent || ageDays < 2) continue;
    // A few recent ones handed to the front desk and the marketer; older ones mostly answered
    // (most negative ones, a third of the rest) or closed; a handful left late.
    const roll = random();
    const status = (set: {
      status: 'closed' | 'assigned';
      closedAt?: string;
      assigneeId?: string;
    }) => tx.updateTable('reputationItems').set(set).where('id', '=', row.id).execute();
    if (assigned < options.assignees.length * 2 && ageDays < 12) {
      await status({ status: 'assigned', assigneeId: options.assignees[assigned % 2] });
      assigned += 1;
    } else if (ageDays > 6 && roll < (negative ? 0.85 : 0.35)) {
      const hours = negative ? 2 + random() * 20 : 6 + random() * 60;
      await answer(tx, { ...options, row: { ...row, receivedAt }, hours });
    } else if ((ageDays > 4 && !negative) || ageDays > 30) {
      await status({ status: 'closed', closedAt: new Date(published + 2 * DAY).toISOString() });
    }
  }
}

type SettledRow = FactColumns & { id: string };

/** A safe-template reply, posted by hand `hours` after the item arrived; the rollups follow. */
async function answer(
  tx: Tx,
  options: { orgId: string; repliedBy: string; row: SettledRow; hours: number },
): Promise<void> {
  const { row } = options;
  const at = new Date(Date.parse(row.receivedAt) + options.hours * HOUR).toISOString();
  const template = findTemplate(
    suggestTemplate({ sentimentLabel: row.sentimentLabel, topics: JSON.parse(row.topics) }),
  );
  if (!template) return;
  const values = await templateValues(tx, { orgId: options.orgId, locationId: row.locationId });
  await tx
    .insertInto('reputationReplies')
    .values({
      id: newId(),
      orgId: options.orgId,
      itemId: row.id,
      authorId: options.repliedBy,
      text: fillTemplate(template, values),
      templateId: template.id,
      status: 'posted_by_hand',
      guardVerdict: 'pass',
      approvedBy: null,
      approvedAt: null,
      sentAt: at,
      remoteId: null,
      remoteUrl: null,
      idempotencyKey: newId(),
      lastError: null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await tx
    .updateTable('reputationItems')
    .set({
      status: 'replied',
      repliedAt: at,
      firstResponseAt: at,
      replyPostedByHand: 1,
      updatedAt: at,
    })
    .where('id', '=', row.id)
    .execute();
  await rollupItemChange(tx, {
    orgId: options.orgId,
    before: row,
    after: { ...row, firstResponseAt: at },
  });
}
