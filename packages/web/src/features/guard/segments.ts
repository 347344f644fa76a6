import type { Finding, Severity } from '@bedside/guard';

/** A run of text with the findings that cover it; `severity` is the most serious of them. */
export interface Segment {
  start: number;
  end: number;
  text: string;
  findings: Finding[];
  severity: Severity | undefined;
}

const rank: Record<Severity, number> = { block: 3, warn: 2, info: 1 };

export function mostSevere(findings: readonly Pick<Finding, 'severity'>[]): Severity | undefined {
  let best: Severity | undefined;
  for (const finding of findings) {
    if (!best || rank[finding.severity] > rank[best]) best = finding.severity;
  }
  return best;
}

/**
 * Whether a finding points at a span of this exact text. Findings computed for an older
 * version of the text (the check runs deferred while the user types) are dropped, so a
 * highlight never lands on the wrong words. Whole-document findings (0, 0) have no span.
 */
export function isSpanFinding(text: string, finding: Finding): boolean {
  return (
    finding.end > finding.start &&
    finding.start >= 0 &&
    finding.end <= text.length &&
    text.slice(finding.start, finding.end) === finding.text
  );
}

/**
 * Splits text into consecutive segments so overlapping findings can be drawn without nesting:
 * every boundary of every finding starts a new segment, and neighbours covered by the same
 * findings are merged. The segments always concatenate back to the input.
 */
export function segmentText(text: string, findings: readonly Finding[]): Segment[] {
  const spans = findings.filter((finding) => isSpanFinding(text, finding));
  const cuts = new Set<number>([0, text.length]);
  for (const span of spans) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? start;
    if (end <= start) continue;
    const covering = spans.filter((span) => span.start <= start && span.end >= end);
    const previous = segments[segments.length - 1];
    if (previous && sameFindings(previous.findings, covering)) {
      previous.end = end;
      previous.text = text.slice(previous.start, end);
      continue;
    }
    segments.push({
      start,
      end,
      text: text.slice(start, end),
      findings: covering,
      severity: mostSevere(covering),
    });
  }
  return segments;
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && a.every((finding, index) => finding === b[index]);
}
