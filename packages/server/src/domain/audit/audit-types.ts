/** Who did something, as the audit trail records it. */
export interface Actor {
  userId: string | null;
  /** A display label kept with the event (an email or "system"), so the trail reads without joins. */
  label: string;
  ip: string | null;
}

export const systemActor: Actor = { userId: null, label: 'system', ip: null };

/** The chain for events that belong to no organization (a failed sign-in for an unknown email). */
export const SYSTEM_ORG = 'system';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  orgId: string;
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  outcome?: AuditOutcome;
  /** Never PHI: ids, role names, counts, reasons. */
  details?: Record<string, unknown>;
}

export interface AuditEventView {
  id: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  outcome: AuditOutcome;
  details: Record<string, unknown>;
}
