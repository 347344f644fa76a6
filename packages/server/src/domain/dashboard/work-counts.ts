import type { DbOrTx } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import { listPosts } from '../posts/list-posts.js';
import type { ConsentWork, InboxWork, PostWork, PublishingWork } from './work-summary.js';

type Counted = { n: number | string | bigint } | undefined;
const count = (row: Counted): number => Number(row?.n ?? 0);

/**
 * The inbox counts, each on its own index of reputation_items: (org, status), (org, assignee),
 * (org, sla_due_at), (org, urgency). Each matches the inbox filter the dashboard links to.
 */
export async function inboxCounts(
  db: DbOrTx,
  options: { orgId: string; userId: string; now: Date },
): Promise<InboxWork> {
  const items = () =>
    db
      .selectFrom('reputationItems')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('orgId', '=', options.orgId);
  const fresh = await items().where('status', '=', 'new').executeTakeFirst();
  const mine = await items()
    .where('assigneeId', '=', options.userId)
    .where('status', '=', 'assigned')
    .executeTakeFirst();
  const overdue = await items()
    .where('slaDueAt', '<', options.now.toISOString())
    .where('status', 'in', ['new', 'assigned'])
    .executeTakeFirst();
  const urgent = await db
    .selectFrom('reputationItems')
    .select((eb) => ['urgency', eb.fn.countAll().as('n')])
    .where('orgId', '=', options.orgId)
    .where('urgency', 'in', ['high', 'critical'])
    .where('status', '=', 'new')
    .groupBy('urgency')
    .execute();
  return {
    new: count(fresh),
    assignedToMe: count(mine),
    overdue: count(overdue),
    urgent: count(urgent.find((r) => r.urgency === 'high')),
    critical: count(urgent.find((r) => r.urgency === 'critical')),
  };
}

/** The review queue (the Posts page's own rule, via listPosts) and the viewer's drafts. */
export async function postCounts(
  db: DbOrTx,
  options: {
    orgId: string;
    viewer: { userId: string; role: Role };
    approve: boolean;
    write: boolean;
  },
): Promise<PostWork> {
  const { orgId, viewer } = options;
  const awaitingMyReview = options.approve
    ? (await listPosts(db, { orgId, viewer, statuses: ['in_review'] })).filter((p) => p.awaitingMe)
        .length
    : null;
  if (!options.write) return { awaitingMyReview, myDrafts: null, returnedToMe: null };
  const drafts = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('orgId', '=', orgId)
    .where('status', '=', 'draft')
    .where('authorId', '=', viewer.userId)
    .executeTakeFirst();
  // Sent back: a changes-requested note on the version the draft still has.
  const returned = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.count('posts.id').distinct().as('n'))
    .where('posts.orgId', '=', orgId)
    .where('posts.status', '=', 'draft')
    .where('posts.authorId', '=', viewer.userId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('postComments as c')
          .select('c.id')
          .whereRef('c.postId', '=', 'posts.id')
          .whereRef('c.postVersion', '=', 'posts.version')
          .where('c.kind', '=', 'changes_requested'),
      ),
    )
    .executeTakeFirst();
  return { awaitingMyReview, myDrafts: count(drafts), returnedToMe: count(returned) };
}

/** Copies of posts that did not go out as planned, and channels that need reconnecting. */
export async function publishingCounts(
  db: DbOrTx,
  options: { orgId: string; channels: boolean },
): Promise<PublishingWork> {
  const targets = await db
    .selectFrom('postTargets')
    .select((eb) => ['status', eb.fn.countAll().as('n')])
    .where('status', 'in', ['failed', 'unconfirmed', 'paused'])
    .where('orgId', '=', options.orgId)
    .groupBy('status')
    .execute();
  const reconnect = options.channels
    ? await db
        .selectFrom('channels')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('orgId', '=', options.orgId)
        .where('status', '=', 'reconnect_needed')
        .executeTakeFirst()
    : null;
  const of = (status: string) => count(targets.find((r) => r.status === status));
  return {
    failed: of('failed'),
    unconfirmed: of('unconfirmed'),
    paused: of('paused'),
    reconnectNeeded: reconnect === null ? null : count(reconnect),
  };
}

/** Authorizations waiting for a signature, and signed ones ending within `withinDays` (org, status, expiry_date index). */
export async function consentCounts(
  db: DbOrTx,
  options: { orgId: string; now: Date; withinDays: number },
): Promise<Omit<ConsentWork, 'expiringWithinDays'>> {
  const today = options.now.toISOString().slice(0, 10);
  const until = new Date(options.now.getTime() + options.withinDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const sent = await db
    .selectFrom('authorizations')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('orgId', '=', options.orgId)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  const expiring = await db
    .selectFrom('authorizations')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('orgId', '=', options.orgId)
    .where('status', '=', 'signed')
    .where('expiryDate', '>=', today)
    .where('expiryDate', '<=', until)
    .executeTakeFirst();
  return { awaitingSignature: count(sent), expiringSoon: count(expiring) };
}
