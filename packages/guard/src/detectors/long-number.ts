import type { CheckDocument } from '../engine/document.js';
import { redactFix } from '../engine/redaction.js';
import type { NumericRun } from '../text/numeric-runs.js';

/** A bare run of 7+ digits that matched nothing more specific: some unique number (Safe Harbor (R)). */
export function matchLongNumber(
  doc: CheckDocument,
  run: NumericRun,
  i: number,
): number | undefined {
  const a = run.groups[i];
  if (!a || a.digits.length < 7) return undefined;
  if (doc.accepts())
    doc.add(
      {
        rule: 'phi.other-number',
        category: 'other_identifier',
        start: a.start,
        end: a.end,
        severity: doc.severityFor('contextual', a.start),
        message:
          'A long number like this is often an account, record or member number. If it belongs to a patient, remove it.',
        fix: redactFix('other_identifier'),
      },
      30,
      'contextual',
    );
  doc.claim(a.start, a.end);
  return i + 1;
}
