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

/** `receivedAt|id` of the last item shown: pages are stable while new items arrive. */
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
  const f = options.filters;
  const now = new Date().toISOString();
  let query = db.selectFrom('reputationItems').selectAll().where('orgId', '=', options.orgId);
  if (f.locationId) query = query.where('locationId', '=', f.locationId);
  if (f.providerId) query = query.where('providerId', '=', f.providerId);
  if (f.source) query = query.where('source', '=', f.source);
  if (f.rating !== undefined) query = query.where('rating', '=', f.rating);
  if (f.sentiment) query = query.where('sentimentLabel', '=', f.sentiment);
  if (f.urgency) query = query.where('urgency', '=', f.urgency);
  if (f.status) query = query.where('status', '=', f.status);
  if (f.assigneeId === 'none') query = query.where('assigneeId', 'is', null);
  else if (f.assigneeId) query = query.where('assigneeId', '=', f.assigneeId);
  if (f.overdue)
    query = query.where('slaDueAt', '<', now).where('status', 'in', ['new', 'assigned']);
  if (f.topic) {
    const topic = f.topic;
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('reputationItemTopics')
        .select('itemId')
        .where('orgId', '=', options.orgId)
        .where('topic', '=', topic),
    );
  }
  if (options.cursor) {
    const after = decodeCursor(options.cursor);
    query = query.where((eb) =>
      eb.or([
        eb('receivedAt', '<', after.receivedAt),
        eb.and([eb('receivedAt', '=', after.receivedAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('receivedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => itemView(row)),
    nextCursor: rows.length > limit && last ? encodeCursor(last.receivedAt, last.id) : null,
  };
}
