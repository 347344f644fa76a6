import type { AuthorizationRecord } from './authorization.js';
import { calendarDateIn, isCalendarDate } from './calendar-date.js';
import { defect, type AuthorizationDefect } from './defects.js';

export interface ValidityContext {
  now: Date;
  /** The practice's IANA zone, in which expiry and paper signature dates are calendar dates. */
  timeZone: string;
}

/**
 * The defects of 164.508(b)(2) that depend on what the practice knows at `now`, rather than on what
 * the form says: (i) expired, (iii) revoked, (iv) compound or conditioned, (v) known false; and a
 * signature dated in the future, which cannot be a real (c)(1)(vi) signature date.
 */
export function findValidityDefects(
  record: AuthorizationRecord,
  context: ValidityContext,
): AuthorizationDefect[] {
  const defects: AuthorizationDefect[] = [];
  const today = calendarDateIn(context.now, context.timeZone);

  defects.push(...findExpiryDefects(record, context));

  // (b)(2)(iii) with (b)(5): a revocation is effective once the practice receives it, and is final.
  const revokedAt = record.revokedAt === null ? null : new Date(record.revokedAt);
  if (record.status === 'revoked' || (revokedAt !== null && revokedAt <= context.now)) {
    defects.push(defect('revoked'));
  }

  if (record.combinedWithOtherDocument) defects.push(defect('compound-authorization'));
  if (record.treatmentConditionedOnSigning) defects.push(defect('treatment-conditioned'));
  if (record.knownFalseMaterialInformation) defects.push(defect('known-false-information'));

  const signedAt = record.signature?.signedAt ?? '';
  if (signedAt !== '') {
    const future = isCalendarDate(signedAt) ? signedAt > today : new Date(signedAt) > context.now;
    if (future) defects.push(defect('signed-in-future'));
  }
  return defects;
}

/**
 * (b)(2)(i). The expiry date is inclusive: the authorization is in effect through the whole of that
 * calendar day in the practice's zone and has "passed" from the next day on. An event counts once the
 * practice knows of it, recorded as `expiresAt` (or the `expired` status).
 */
function findExpiryDefects(
  record: AuthorizationRecord,
  context: ValidityContext,
): AuthorizationDefect[] {
  const { expiry } = record;
  const expiresAt = record.expiresAt === null ? null : new Date(record.expiresAt);
  const known = record.status === 'expired' || (expiresAt !== null && expiresAt <= context.now);
  if (expiry?.kind === 'date' && expiry.date < calendarDateIn(context.now, context.timeZone)) {
    return [defect('expired')];
  }
  if (!known) return [];
  return [expiry?.kind === 'event' ? defect('expiry-event-occurred') : defect('expired')];
}
