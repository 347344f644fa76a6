import type { InboundItem, InboundPage } from './inbound.js';

/**
 * Turns "everything the network returned" into one page of the InboundSource contract for
 * networks whose lists are newest-first and filterable by time only: items after the cursor,
 * oldest first, at most `limit`. Networks give times to the second, so the cursor is the last
 * time handed out plus the ids already handed out at that very time (`<iso>|<id>,<id>`): a
 * comment made later in the same second is not lost, and none is handed out twice.
 * A null cursor (first poll) yields the most recent `limit` items.
 */
export function pageByTime(
  items: ReadonlyArray<InboundItem & { sortTime: string }>,
  query: { cursor: string | null; limit: number },
): InboundPage {
  const [cursorTime = '', cursorIds = ''] = (query.cursor ?? '').split('|');
  const after = query.cursor ? Date.parse(cursorTime) : Number.NEGATIVE_INFINITY;
  const seenAtCursor = new Set(cursorIds.split(',').filter(Boolean));
  const fresh = items
    .filter((item) => {
      const time = Date.parse(item.sortTime);
      return time > after || (time === after && !seenAtCursor.has(item.externalId));
    })
    .sort(
      (a, b) =>
        Date.parse(a.sortTime) - Date.parse(b.sortTime) || a.externalId.localeCompare(b.externalId),
    );
  const chosen = query.cursor === null ? fresh.slice(-query.limit) : fresh.slice(0, query.limit);
  const last = chosen.at(-1);
  if (!last) return { items: [], cursor: query.cursor, hasMore: false };
  const lastTime = Date.parse(last.sortTime);
  const idsAtLast = chosen
    .filter((item) => Date.parse(item.sortTime) === lastTime)
    .map((item) => item.externalId);
  if (lastTime === after) idsAtLast.push(...seenAtCursor);
  return {
    items: chosen.map(({ sortTime: _sortTime, ...item }) => item),
    cursor: `${new Date(lastTime).toISOString()}|${[...new Set(idsAtLast)].join(',')}`,
    hasMore: query.cursor !== null && fresh.length > chosen.length,
  };
}

/** An item with the fields most networks leave empty already filled in. */
export function inboundItem(
  fields: Pick<InboundItem, 'externalId' | 'kind' | 'text'> & Partial<InboundItem>,
): InboundItem {
  return {
    rating: null,
    authorName: null,
    authorHandle: null,
    url: null,
    parentExternalId: null,
    threadExternalId: null,
    publishedAt: null,
    editedAt: null,
    deleted: false,
    replyRef: null,
    ...fields,
  };
}

/** Graph API times (`2026-11-28T10:00:00+0000`) and others as ISO-8601 UTC. */
export function isoTime(value: string | number | undefined): string | null {
  if (value === undefined) return null;
  const time = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}
