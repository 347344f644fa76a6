import type { Db } from '../../db/database.js';
import { systemActor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { notify } from '../notifications/notify.js';
import { displayName } from './provider-views.js';

/** How long before a licence expires its provider and the practice's managers are told. */
export const LICENCE_REMINDER_DAYS = 60;

/**
 * Tells the provider and the practice's owners and admins (in the app and by email) about each
 * state licence expiring within the reminder window or already expired — once per expiry date, so
 * a renewed licence with a new date is reminded again. Each reminder commits with its mark and its
 * audit event.
 */
export async function remindExpiringLicences(db: Db, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + LICENCE_REMINDER_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const today = now.toISOString().slice(0, 10);
  const due = await db
    .selectFrom('providerLicences')
    .innerJoin('providers', 'providers.id', 'providerLicences.providerId')
    .select([
      'providerLicences.id',
      'providerLicences.orgId',
      'providerLicences.providerId',
      'providerLicences.state',
      'providerLicences.expiresOn',
      'providerLicences.remindedFor',
      'providers.firstName',
      'providers.lastName',
      'providers.credentials',
      'providers.userId',
    ])
    .where('providerLicences.expiresOn', 'is not', null)
    .where('providerLicences.expiresOn', '<=', horizon)
    .execute();
  let sent = 0;
  for (const licence of due) {
    const expiresOn = licence.expiresOn!;
    if (licence.remindedFor === expiresOn) continue;
    const name = displayName(licence);
    const expired = expiresOn < today;
    await db.transaction().execute(async (tx) => {
      const marked = await tx
        .updateTable('providerLicences')
        .set({ remindedFor: expiresOn })
        .where('id', '=', licence.id)
        .where((eb) => eb.or([eb('remindedFor', 'is', null), eb('remindedFor', '!=', expiresOn)]))
        .executeTakeFirst();
      // Another worker got here first.
      if (Number(marked.numUpdatedRows) === 0) return;
      await notify(tx, {
        orgId: licence.orgId,
        audience: { roles: ['owner', 'admin'], userIds: licence.userId ? [licence.userId] : [] },
        kind: 'provider.licence_expiring',
        title: expired
          ? `${name}: ${licence.state} licence expired`
          : `${name}: ${licence.state} licence expires soon`,
        body: `The ${licence.state} licence of ${name} ${expired ? 'expired' : 'expires'} on ${expiresOn}. Update the profile once it is renewed.`,
        link: '/providers',
        email: true,
      });
      await recordAuditEvent(tx, {
        orgId: licence.orgId,
        actor: systemActor,
        action: 'provider.licence_reminder_sent',
        target: { type: 'provider', id: licence.providerId },
        details: { state: licence.state, expiresOn },
      });
      sent += 1;
    });
  }
  return sent;
}
