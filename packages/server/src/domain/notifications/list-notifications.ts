import type { DbOrTx } from '../../db/database.js';

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

/** The newest notifications of one person in one organization, and how many are unread. */
export async function listNotifications(
  db: DbOrTx,
  options: { orgId: string; userId: string; limit: number },
): Promise<{ notifications: NotificationView[]; unread: number }> {
  const rows = await db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt'])
    .where('orgId', '=', options.orgId)
    .where('userId', '=', options.userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  const { unread } = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('unread'))
    .where('orgId', '=', options.orgId)
    .where('userId', '=', options.userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    notifications: rows.map(({ readAt, ...row }) => ({ ...row, read: readAt !== null })),
    unread: Number(unread),
  };
}

/** Marks some (or all) of one person's notifications read; returns how many changed. */
export async function markNotificationsRead(
  db: DbOrTx,
  options: { orgId: string; userId: string; ids: readonly string[] | 'all' },
): Promise<number> {
  if (options.ids !== 'all' && options.ids.length === 0) return 0;
  let query = db
    .updateTable('notifications')
    .set({ readAt: new Date().toISOString() })
    .where('orgId', '=', options.orgId)
    .where('userId', '=', options.userId)
    .where('readAt', 'is', null);
  if (options.ids !== 'all') query = query.where('id', 'in', [...options.ids]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
