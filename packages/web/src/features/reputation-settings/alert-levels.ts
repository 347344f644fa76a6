import type { AlertLevel } from './api';

/** Alert levels from narrowest to widest; a wider level includes the narrower ones. */
const ORDER: AlertLevel[] = ['none', 'urgent', 'negative', 'all'];

export function levelRank(level: AlertLevel): number {
  return ORDER.indexOf(level);
}

/** The wider of two levels (what the summary `level` of a preference is). */
export function widerLevel(a: AlertLevel, b: AlertLevel): AlertLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

/**
 * A channel's level after a kind's box is ticked or unticked: ticking turns on that kind and
 * every narrower one; unticking turns off that kind and every wider one.
 */
export function toggleLevel(current: AlertLevel, kind: AlertLevel, on: boolean): AlertLevel {
  if (on) return widerLevel(current, kind);
  return ORDER[Math.max(0, levelRank(kind) - 1)] ?? 'none';
}

/** Whether a kind's box is ticked for a channel at `level`. */
export function includesKind(level: AlertLevel, kind: AlertLevel): boolean {
  return levelRank(level) >= levelRank(kind);
}
