import type { Finding, FindingCategory, Verdict } from '../types.js';

/** Categories that compete for the same characters; the rest (claims, limits…) never suppress each other. */
const PHI: ReadonlySet<FindingCategory> = new Set([
  'name',
  'geographic',
  'date',
  'age',
  'phone',
  'fax',
  'email',
  'ssn',
  'medical_record_number',
  'health_plan_number',
  'account_number',
  'license_number',
  'vehicle_identifier',
  'device_identifier',
  'url',
  'ip_address',
  'biometric',
  'other_identifier',
  'custom',
]);

/**
 * Drops PHI findings that overlap a higher-priority one (an e-mail beats the name inside it),
 * then sorts by position. Linear after the sort: each finding is compared with the last kept one.
 */
export function resolveOverlaps(findings: Finding[], priorities: number[]): Finding[] {
  // Indices, not wrapper objects: the stable sort keeps equal findings in the order they were added.
  const phi: number[] = [];
  const other: Finding[] = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i] as Finding;
    if (PHI.has(f.category)) phi.push(i);
    else other.push(f);
  }
  phi.sort((a, b) => {
    const fa = findings[a] as Finding;
    const fb = findings[b] as Finding;
    return fa.start - fb.start || fb.end - fa.end;
  });
  const kept: Finding[] = [];
  let lastPriority = 0;
  for (const i of phi) {
    const cur = findings[i] as Finding;
    const p = priorities[i] ?? 0;
    const prev = kept[kept.length - 1];
    if (prev && cur.start < prev.end && cur.end > prev.start) {
      if (p > lastPriority) {
        kept[kept.length - 1] = cur;
        lastPriority = p;
      }
      continue;
    }
    kept.push(cur);
    lastPriority = p;
  }
  for (const f of dedupeSameRule(other)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Phrase rules can fire on nested spans ("the best dentist", "best dentist"): keep the longest per rule. */
function dedupeSameRule(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const lastByRule = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of sorted) {
    const prev = lastByRule.get(f.rule);
    if (prev && f.end > f.start && f.start < prev.end) continue;
    lastByRule.set(f.rule, f);
    out.push(f);
  }
  return out;
}

/** Any block → block; any warn → review; else pass. */
export function verdictOf(findings: readonly Finding[]): Verdict {
  let review = false;
  for (const f of findings) {
    if (f.severity === 'block') return 'block';
    if (f.severity === 'warn') review = true;
  }
  return review ? 'review' : 'pass';
}
