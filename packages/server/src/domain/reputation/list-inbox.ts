import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type {
  ReputationItemStatus,
  ReputationSourceName,
  SentimentLabel,
  Urgency,
} from '../../db/reputation-schema.js';
import { invalid } from '../../errors.js';
import { itemView, type ItemView } from './item-view.js';

export interface InboxFilters {
  locationId?: string;
  providerId?: string;
  source?: ReputationSourceName;
  rating?: number;
  sentiment?: SentimentLabel;
  topic?: string;
  urgency?: Urgency;
  status?: ReputationItemStatus;
  /** A user id, or 'none' for unassigned items. */
  assigneeId?: string;
  /** Only items past their SLA and not yet answered. */
  overdue?: boolean;
}

export interface InboxPage {
  items: ItemView[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** `receivedAt|id` (overdue: `slaDueAt|id`) of the last item shown: pages are stable while new items arrive. */
function decodeCursor(cursor: string): { receivedAt: string; id: string } {
  const [receivedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!receivedAt || !id || Number.isNaN(Date.parse(receivedAt)))
    throw invalid({ cursor: 'The page cursor is not one this inbox gave out.' });
  return { receivedAt, id };
}

function encodeCursor(receivedAt: string, id: string): string {
  return Buffer.from(`${receivedAt}|${id}`, 'utf8').toString('base64url');
}

/**
 * One page of the inbox, newest first, with any combination of filters. Each filter has an
 * index on (org_id, filter, received_at) — topics through reputation_item_topics — so a page
 * costs an index range scan, not a table scan, at a million items.
 */
export async function listInbox(
  db: DbOrTx,
  options: { orgId: string; filters: InboxFilters; cursor?: string; limit?: number },
): Promise<InboxPage> {
  const limit = options.limit ?? 50;
  const { query, bySla } = inboxQuery(db, options);
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => itemView(row)),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor((bySla ? last.slaDueAt : null) ?? last.receivedAt, last.id)
        : null,
  };
}

/** The page's query, unexecuted (the benchmark EXPLAINs it): one row more than the page. */
export function inboxQuery(
  db: DbOrTx,
  options: { orgId: string; filters: InboxFilters; cursor?: string; limit?: number },
) {
  const limit = options.limit ?? 50;
  const f = options.filters;
  const now = new Date().toISOString();
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  // With a topic, the walk starts at the topic's own index (org, topic, received_at) and joins
  // each item by primary key; an IN (subquery) made PostgreSQL re-run the subquery per row.
  let query = f.topic
    ? db
        .selectFrom('reputationItemTopics as t')
        .innerJoin('reputationItems as i', 'i.id', 't.itemId')
        .selectAll('i')
        .where('t.orgId', '=', options.orgId)
        .where('t.topic', '=', f.topic)
    : db.selectFrom('reputationItems as i').selectAll('i').where('i.orgId', '=', options.orgId);
  if (f.locationId) query = query.where('i.locationId', '=', f.locationId);
  if (f.providerId) query = query.where('i.providerId', '=', f.providerId);
  if (f.source) query = query.where('i.source', '=', f.source);
  if (f.rating !== undefined) query = query.where('i.rating', '=', f.rating);
  if (f.sentiment) query = query.where('i.sentimentLabel', '=', f.sentiment);
  // A topic with a sentiment walks (org_id, topic, sentiment_label, received_at) instead.
  if (f.sentiment && f.topic) query = query.where('t.sentimentLabel', '=', f.sentiment);
  if (f.urgency) query = query.where('i.urgency', '=', f.urgency);
  if (f.status) query = query.where('i.status', '=', f.status);
  if (f.assigneeId === 'none') query = query.where('i.assigneeId', 'is', null);
  else if (f.assigneeId) query = query.where('i.assigneeId', '=', f.assigneeId);
  if (f.overdue)
    query = query.where('i.slaDueAt', '<', now).where('i.status', 'in', ['new', 'assigned']);
  // Order (and page) by the columns of the index being walked. Overdue items come most overdue
  // first, along (org_id, sla_due_at): that range holds only the late ones, where newest-first
  // would walk every item to find them.
  const bySla = Boolean(f.overdue) && !f.topic;
  const at = sql.ref(bySla ? 'i.slaDueAt' : f.topic ? 't.receivedAt' : 'i.receivedAt');
  const id = sql.ref(f.topic ? 't.itemId' : 'i.id');
  const direction = bySla ? 'asc' : 'desc';
  const beyond = bySla ? '>' : '<';
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb(at, beyond, after.receivedAt),
        eb.and([eb(at, '=', after.receivedAt), eb(id, beyond, after.id)]),
      ]),
    );
  return {
    query: query
      .orderBy(at, direction)
      .orderBy(id, direction)
      .limit(limit + 1),
    bySla,
  };
}
