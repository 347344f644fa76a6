/**
 * Idle logoff, as plain arithmetic so it can be tested without timers: given when the user was
 * last active, where are we and when does the next phase begin?
 */
export type IdlePhase = 'active' | 'warning' | 'expired';

export interface IdlePolicy {
  timeoutMs: number;
  /** How long before the timeout the warning shows. Never more than half the timeout. */
  warningMs: number;
}

export function idlePolicy(idleTimeoutMinutes: number): IdlePolicy {
  const minutes =
    Number.isFinite(idleTimeoutMinutes) && idleTimeoutMinutes > 0 ? idleTimeoutMinutes : 15;
  const timeoutMs = minutes * 60_000;
  return { timeoutMs, warningMs: Math.min(60_000, timeoutMs / 2) };
}

export interface IdleState {
  phase: IdlePhase;
  /** Milliseconds until the session is ended (0 once expired). */
  remainingMs: number;
  /** Milliseconds until the phase next changes, for scheduling the next check. */
  nextChangeMs: number;
}

export function idleState(options: {
  lastActivity: number;
  now: number;
  policy: IdlePolicy;
}): IdleState {
  const { lastActivity, now, policy } = options;
  const idleMs = Math.max(0, now - lastActivity);
  const remainingMs = Math.max(0, policy.timeoutMs - idleMs);
  if (remainingMs === 0) return { phase: 'expired', remainingMs: 0, nextChangeMs: 0 };
  if (remainingMs <= policy.warningMs)
    return { phase: 'warning', remainingMs, nextChangeMs: remainingMs };
  return { phase: 'active', remainingMs, nextChangeMs: remainingMs - policy.warningMs };
}

/**
 * Whether an activity event should count. While the warning shows, only the explicit "stay
 * signed in" choice extends the session, so a stray mouse move cannot silently keep it open.
 */
export function countsAsActivity(phase: IdlePhase, explicit: boolean): boolean {
  if (phase === 'expired') return false;
  return phase === 'active' || explicit;
}

/** Whole seconds for the countdown, rounded up so it never shows 0 while time remains. */
export function secondsLeft(remainingMs: number): number {
  return Math.ceil(remainingMs / 1000);
}
