import { URGENCY_KINDS, type Urgency, type UrgencyReason } from '../types.js';
import { URGENCY_RULES } from './urgency-rules.js';

/** Finds urgent language in lowercased text: at most one reason per kind, the first cue that matched. */
export function detectUrgency(lowerText: string): Urgency {
  const byKind = new Map<string, UrgencyReason>();
  for (const rule of URGENCY_RULES) {
    if (byKind.has(rule.kind)) continue;
    if (rule.pattern.test(lowerText)) byKind.set(rule.kind, { kind: rule.kind, cue: rule.cue });
  }
  const reasons = URGENCY_KINDS.flatMap((k) => byKind.get(k) ?? []);
  const danger = reasons.some((r) => r.kind === 'self_harm' || r.kind === 'emergency');
  return { level: danger ? 'critical' : reasons.length > 0 ? 'high' : 'none', reasons };
}
