import type { DbOrTx } from '../../db/database.js';
import { conflict } from '../../errors.js';
import { systemActor, type Actor } from '../audit/audit-types.js';
import { loadAuthorization } from './authorization-rows.js';
import { calendarDateIn } from './calendar-date.js';
import { endAuthorization, type EndReport } from './end-authorization.js';
import type { PostEffects } from './post-effects.js';

const dayMs = 24 * 3600_000;

/**
 * The daily expiry run: every signed authorization whose expiry date (a calendar date in its own
 * zone, inclusive) has passed is ended like a revocation (164.508(b)(2)(i)). Safe to run twice and
 * to run after a crash: an authorization ends once, and one that ended recently but whose takedowns
 * did not finish gets them finished.
 */
export async function expireDueAuthorizations(
  db: DbOrTx,
  options: { now: Date; effects: PostEffects },
): Promise<EndReport[]> {
  // No zone is more than a day ahead of UTC: anything due has a date before tomorrow in UTC.
  const horizon = new Date(options.now.getTime() + dayMs).toISOString().slice(0, 10);
  const due = await db
    .selectFrom('authorizations')
    .select(['id', 'orgId', 'timeZone', 'expiryDate'])
    .where('status', '=', 'signed')
    .where('expiryKind', '=', 'date')
    .where('expiryDate', '<', horizon)
    .execute();
  const recent = await db
    .selectFrom('authorizations')
    .select(['id', 'orgId'])
    .where('status', '=', 'expired')
    .where('expiresAt', '>=', new Date(options.now.getTime() - 7 * dayMs).toISOString())
    .execute();
  const reports: EndReport[] = [];
  const targets = [
    ...due.filter((a) => (a.expiryDate ?? '') < calendarDateIn(options.now, a.timeZone)),
    ...recent,
  ];
  for (const a of targets) {
    reports.push(
      await endAuthorization(db, {
        actor: systemActor,
        orgId: a.orgId,
        authorizationId: a.id,
        reason: 'expired',
        effects: options.effects,
        now: options.now,
      }),
    );
  }
  return reports;
}

/** Staff record that the expiration event written on the form has happened. */
export async function recordExpiryEvent(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; authorizationId: string; effects: PostEffects },
): Promise<EndReport> {
  const stored = await loadAuthorization(db, { orgId: options.orgId, id: options.authorizationId });
  if (stored.row.expiryKind !== 'event')
    throw conflict('This authorization ends on a date, not on an event.');
  if (stored.row.status !== 'signed')
    throw conflict('Only a signed authorization in effect can expire.');
  return endAuthorization(db, { ...options, reason: 'expired', now: new Date() });
}
