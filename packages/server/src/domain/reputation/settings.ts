import type { DbOrTx } from '../../db/database.js';
import type { AlertLevel } from '../../db/reputation-schema.js';
import { invalid } from '../../errors.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { alertPreferences, preferenceOf, type AlertPreference } from './alerts.js';
import { inTransaction } from './item-actions.js';

export interface ReputationSettings {
  requireReplyApproval: boolean;
  slaNegativeHours: number;
  slaOtherHours: number | null;
  digestHourUtc: number;
}

export async function getReputationSettings(
  db: DbOrTx,
  orgId: string,
): Promise<ReputationSettings> {
  const row = await db
    .selectFrom('reputationSettings')
    .selectAll()
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  return {
    requireReplyApproval: row?.requireReplyApproval === 1,
    slaNegativeHours: row?.slaNegativeHours ?? 24,
    slaOtherHours: row?.slaOtherHours ?? null,
    digestHourUtc: row?.digestHourUtc ?? 13,
  };
}

export async function updateReputationSettings(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; settings: ReputationSettings },
): Promise<ReputationSettings> {
  const s = options.settings;
  if (s.slaNegativeHours < 1 || s.slaNegativeHours > 24 * 14)
    throw invalid({ slaNegativeHours: 'Choose between 1 hour and 14 days.' });
  if (s.slaOtherHours !== null && (s.slaOtherHours < 1 || s.slaOtherHours > 24 * 30))
    throw invalid({ slaOtherHours: 'Choose between 1 hour and 30 days, or none.' });
  if (s.digestHourUtc < 0 || s.digestHourUtc > 23)
    throw invalid({ digestHourUtc: 'Choose an hour from 0 to 23.' });
  return inTransaction(db, async (tx) => {
    const values = {
      requireReplyApproval: s.requireReplyApproval ? 1 : 0,
      slaNegativeHours: s.slaNegativeHours,
      slaOtherHours: s.slaOtherHours,
      digestHourUtc: s.digestHourUtc,
      updatedAt: new Date().toISOString(),
    };
    await tx
      .insertInto('reputationSettings')
      .values({ orgId: options.orgId, ...values })
      .onConflict((oc) => oc.column('orgId').doUpdateSet(values))
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'review.settings_updated',
      details: { ...s },
    });
    return getReputationSettings(tx, options.orgId);
  });
}

export async function myAlertPreference(
  db: DbOrTx,
  options: { orgId: string; userId: string },
): Promise<AlertPreference> {
  const all = await alertPreferences(db, options.orgId);
  const mine = all.find((p) => p.userId === options.userId);
  return (
    mine ?? preferenceOf(options.userId, { emailLevel: 'none', inAppLevel: 'none', digest: false })
  );
}

export async function updateMyAlertPreference(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    /**
     * Per channel (`emailLevel`, `inAppLevel`), or the older shape: one `level` for the channels
     * that are on.
     */
    preference: {
      level: AlertLevel;
      email: boolean;
      inApp: boolean;
      digest: boolean;
      emailLevel?: AlertLevel | undefined;
      inAppLevel?: AlertLevel | undefined;
    };
  },
): Promise<AlertPreference> {
  const userId = options.actor.userId;
  if (!userId) throw invalid({ user: 'Sign in to choose alerts.' });
  return inTransaction(db, async (tx) => {
    const given = options.preference;
    const p = preferenceOf(userId, {
      emailLevel: given.emailLevel ?? (given.email ? given.level : 'none'),
      inAppLevel: given.inAppLevel ?? (given.inApp ? given.level : 'none'),
      digest: given.digest,
    });
    const values = {
      level: p.level,
      email: p.email ? 1 : 0,
      inApp: p.inApp ? 1 : 0,
      digest: p.digest ? 1 : 0,
      emailLevel: p.emailLevel,
      inAppLevel: p.inAppLevel,
      updatedAt: new Date().toISOString(),
    };
    await tx
      .insertInto('reputationAlertPreferences')
      .values({ orgId: options.orgId, userId, ...values })
      .onConflict((oc) => oc.columns(['orgId', 'userId']).doUpdateSet(values))
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'review.alerts_updated',
      details: {
        emailLevel: p.emailLevel,
        inAppLevel: p.inAppLevel,
        digest: p.digest,
      },
    });
    return myAlertPreference(tx, { orgId: options.orgId, userId });
  });
}
