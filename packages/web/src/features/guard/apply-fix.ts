import type { Finding } from '@bedside/guard';
import { isSpanFinding } from './segments';

/** Whether the finding carries a fix the page can apply to the text by itself. */
export function hasTextFix(finding: Finding): boolean {
  return finding.fix?.kind === 'redact' || finding.fix?.kind === 'replace-text';
}

/**
 * The text after applying a finding's fix, or undefined when it cannot be applied: no textual
 * fix, or the text changed since the finding was made. A `replace-text` fix on a whole-document
 * finding (offsets 0, 0) replaces the whole text, e.g. with a safe generic reply.
 */
export function applyFix(text: string, finding: Finding): string | undefined {
  const fix = finding.fix;
  if (!fix || (fix.kind !== 'redact' && fix.kind !== 'replace-text')) return undefined;
  if (finding.start === 0 && finding.end === 0) {
    return fix.kind === 'replace-text' ? fix.replacement : undefined;
  }
  if (!isSpanFinding(text, finding)) return undefined;
  return text.slice(0, finding.start) + fix.replacement + text.slice(finding.end);
}
