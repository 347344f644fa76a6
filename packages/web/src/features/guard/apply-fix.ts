import type { Finding } from '@bedside/guard';
import { isSpanFinding } from './segments';

/** Whether the finding carries a fix the page can apply to the text by itself. */
export function hasTextFix(finding: Finding): boolean {
  return finding.fix?.kind === 'redact' || finding.fix?.kind === 'replace-text';
}

/**
 * Whether a `replace-text` fix replaces the whole text rather than the flagged span: for
 * whole-document findings (offsets 0, 0), and for replies that confirm a patient relationship,
 * whose fix is a complete safe reply (splicing it into the middle of the old one would make
 * nonsense and keep the disclosure around it).
 */
export function replacesWholeText(finding: Finding): boolean {
  if (finding.fix?.kind !== 'replace-text') return false;
  return (finding.start === 0 && finding.end === 0) || finding.category === 'patient_relationship';
}

/**
 * The text after applying a finding's fix, or undefined when it cannot be applied: no textual
 * fix, or the text changed since the finding was made.
 */
export function applyFix(text: string, finding: Finding): string | undefined {
  const fix = finding.fix;
  if (!fix || (fix.kind !== 'redact' && fix.kind !== 'replace-text')) return undefined;
  if (replacesWholeText(finding)) return fix.replacement;
  if (finding.start === 0 && finding.end === 0) return undefined;
  if (!isSpanFinding(text, finding)) return undefined;
  return text.slice(0, finding.start) + fix.replacement + text.slice(finding.end);
}
