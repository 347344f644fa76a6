import type { Finding } from '@bedside/guard';

/** One sentence for screen readers and the page: how many findings, and how serious. */
export function findingsSummary(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No findings.';
  const count = (severity: Finding['severity']) =>
    findings.filter((f) => f.severity === severity).length;
  const parts = [
    [count('block'), 'must be fixed'],
    [count('warn'), 'to review'],
    [count('info'), 'for information'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, what]) => `${n} ${what}`);
  const total = `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'}`;
  return `${total}: ${parts.join(', ')}.`;
}
