import type { DbOrTx } from '../../db/database.js';
import type { ChannelNetwork, PostStatus, PostTargetStatus } from '../../db/schema.js';
import { invalid } from '../../errors.js';

export interface CalendarEntry {
  targetId: string;
  postId: string;
  channelId: string;
  network: ChannelNetwork;
  handle: string;
  locationId: string;
  dueAt: string;
  timeZone: string;
  occurrence: number;
  /** Part of a recurring series: moved by unscheduling and scheduling again, not by dragging. */
  recurring: boolean;
  status: PostTargetStatus;
  postStatus: PostStatus;
  /** The first 140 characters of the variant's text, for the calendar tile. */
  excerpt: string;
  remoteUrl: string | null;
  publishedAt: string | null;
  attempts: number;
  error: { kind: string; message: string; fix: string | null } | null;
}

const MAX_RANGE_DAYS = 62;

/** Scheduled, published and stuck targets between `from` and `to` (at most 62 days), by location and network. */
export async function listCalendar(
  db: DbOrTx,
  options: { orgId: string; from: string; to: string; locationId?: string; network?: string },
): Promise<CalendarEntry[]> {
  const from = Date.parse(options.from);
  const to = Date.parse(options.to);
  if (Number.isNaN(from))
    throw invalid({ from: 'Give an ISO date-time, e.g. 2026-03-01T00:00:00Z.' });
  if (Number.isNaN(to) || to <= from) throw invalid({ to: 'Give an ISO date-time after "from".' });
  if (to - from > MAX_RANGE_DAYS * 86_400_000)
    throw invalid({ to: `Show at most ${MAX_RANGE_DAYS} days at once.` });
  let query = db
    .selectFrom('postTargets')
    .innerJoin('posts', 'posts.id', 'postTargets.postId')
    .innerJoin('postVariants', 'postVariants.id', 'postTargets.variantId')
    .innerJoin('channels', 'channels.id', 'postTargets.channelId')
    .select([
      'postTargets.id as targetId',
      'postTargets.postId',
      'postTargets.channelId',
      'postTargets.network',
      'channels.handle',
      'posts.locationId',
      'postTargets.dueAt',
      'postTargets.timeZone',
      'postTargets.occurrence',
      'postTargets.recurrenceId',
      'postTargets.status',
      'posts.status as postStatus',
      'postVariants.text',
      'postTargets.remoteUrl',
      'postTargets.publishedAt',
      'postTargets.attempts',
      'postTargets.lastErrorKind',
      'postTargets.lastErrorMessage',
      'postTargets.lastErrorFix',
    ])
    .where('postTargets.orgId', '=', options.orgId)
    .where('postTargets.status', '!=', 'canceled')
    .where('postTargets.dueAt', '>=', new Date(from).toISOString())
    .where('postTargets.dueAt', '<', new Date(to).toISOString());
  if (options.locationId) query = query.where('posts.locationId', '=', options.locationId);
  if (options.network)
    query = query.where('postTargets.network', '=', options.network as ChannelNetwork);
  const rows = await query
    .orderBy('postTargets.dueAt')
    .orderBy('postTargets.network')
    .limit(2000)
    .execute();
  return rows.map(
    ({ text, lastErrorKind, lastErrorMessage, lastErrorFix, recurrenceId, ...row }) => ({
      ...row,
      recurring: recurrenceId !== null,
      excerpt: text.length > 140 ? `${text.slice(0, 139)}…` : text,
      error:
        lastErrorKind && lastErrorMessage && row.status !== 'published'
          ? { kind: lastErrorKind, message: lastErrorMessage, fix: lastErrorFix }
          : null,
    }),
  );
}
