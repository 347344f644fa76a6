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
  const phi: { f: Finding; p: number }[] = [];
  const other: Finding[] = [];
  findings.forEach((f, i) =>
    PHI.has(f.category) ? phi.push({ f, p: priorities[i] ?? 0 }) : other.push(f),
  );
  phi.sort((a, b) => a.f.start - b.f.start || b.f.end - a.f.end);
  const kept: { f: Finding; p: number }[] = [];
  for (const cur of phi) {
    const prev = kept[kept.length - 1];
    if (prev && cur.f.start < prev.f.end && cur.f.end > prev.f.start) {
      if (cur.p > prev.p) kept[kept.length - 1] = cur;
      continue;
    }
    kept.push(cur);
  }
  return [...kept.map((k) => k.f), ...dedupeSameRule(other)].sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
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
