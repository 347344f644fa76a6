import type { Db } from '../../db/database.js';
import { notify } from '../notifications/notify.js';
import { alertPreferences } from './alerts.js';

/**
 * Once a day per organization (at its digest hour, UTC): counts of what arrived in the last 24
 * hours, what is negative, and what is overdue — numbers only, never an item's text — to each
 * person who wants the digest, in the app and by email.
 */
export async function sendDailyDigests(db: Db, options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const hour = now.getUTCHours();
  const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  const orgs = await db
    .selectFrom('organizations')
    .leftJoin('reputationSettings as s', 's.orgId', 'organizations.id')
    .select(['organizations.id', 's.digestHourUtc'])
    .execute();
  let sent = 0;
  for (const org of orgs) {
    if ((org.digestHourUtc ?? 13) !== hour) continue;
    const counts = await db
      .selectFrom('reputationItems')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn
          .sum<number>(eb.case().when('sentimentLabel', '=', 'negative').then(1).else(0).end())
          .as('negative'),
      ])
      .where('orgId', '=', org.id)
      .where('receivedAt', '>=', since)
      .executeTakeFirstOrThrow();
    const overdue = await db
      .selectFrom('reputationItems')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('orgId', '=', org.id)
      .where('slaDueAt', '<', now.toISOString())
      .where('status', 'in', ['new', 'assigned'])
      .executeTakeFirstOrThrow();
    const total = Number(counts.total);
    const negative = Number(counts.negative ?? 0);
    const late = Number(overdue.n);
    if (total === 0 && late === 0) continue;
    const wanting = (await alertPreferences(db, org.id)).filter((p) => p.digest);
    for (const person of wanting) {
      await notify(db, {
        orgId: org.id,
        audience: { userIds: [person.userId] },
        kind: 'review.digest',
        title: `Reviews today: ${total} new, ${negative} negative, ${late} overdue`,
        body: 'Open the inbox to read and answer them.',
        link: late > 0 ? '/inbox?overdue=true' : '/inbox',
        email: person.email,
      });
      sent += 1;
    }
  }
  return sent;
}
