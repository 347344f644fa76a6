import type { DbOrTx } from '../../db/database.js';
import type { ChannelNetwork } from '../../db/schema.js';

/** One copy of a post due on one network: where and when, never its text. */
export interface UpcomingPost {
  targetId: string;
  postId: string;
  network: ChannelNetwork;
  locationName: string;
  /** UTC instant; show it in `timeZone`, the location's zone it was scheduled in. */
  dueAt: string;
  timeZone: string;
}

export interface UpcomingPosts {
  /** Every copy due in the window. */
  total: number;
  /** The first {@link UPCOMING_SHOWN} of them, soonest first. */
  posts: UpcomingPost[];
}

export const UPCOMING_SHOWN = 8;

/** Copies waiting to publish in the next `days` days, along the (org_id, due_at) calendar index. */
export async function upcomingPosts(
  db: DbOrTx,
  options: { orgId: string; now: Date; days: number },
): Promise<UpcomingPosts> {
  const from = options.now.toISOString();
  const to = new Date(options.now.getTime() + options.days * 86_400_000).toISOString();
  const due = () =>
    db
      .selectFrom('postTargets as t')
      .where('t.orgId', '=', options.orgId)
      .where('t.dueAt', '>=', from)
      .where('t.dueAt', '<', to)
      .where('t.status', '=', 'queued');
  const total = await due()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const posts = await due()
    .innerJoin('posts as p', 'p.id', 't.postId')
    .innerJoin('locations as l', 'l.id', 'p.locationId')
    .select([
      't.id as targetId',
      't.postId',
      't.network',
      'l.name as locationName',
      't.dueAt',
      't.timeZone',
    ])
    .orderBy('t.dueAt')
    .orderBy('t.id')
    .limit(UPCOMING_SHOWN)
    .execute();
  return { total: Number(total?.n ?? 0), posts };
}
