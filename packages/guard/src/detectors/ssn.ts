import type { CheckDocument } from '../engine/document.js';
import { hasWordBefore } from '../engine/nearby-words.js';
import { redactFix } from '../engine/redaction.js';
import type { NumericRun } from '../text/numeric-runs.js';
import { ssnValid } from '../text/checksums.js';

const SSN_WORDS = new Set(['ssn', 'ss', 'social', 'security', 'seguro', 'ssa', 'tin', 'itin']);
const MESSAGE =
  'This looks like a Social Security number. It identifies a person on its own and must never be posted.';

/** SSN as 3-2-4 with one kind of separator, or nine digits next to an SSN label. Returns the next group index. */
export function matchSsn(doc: CheckDocument, run: NumericRun, i: number): number | undefined {
  const a = run.groups[i];
  const b = run.groups[i + 1];
  const c = run.groups[i + 2];
  if (
    a &&
    b &&
    c &&
    a.digits.length === 3 &&
    b.digits.length === 2 &&
    c.digits.length === 4 &&
    b.sep === c.sep &&
    (b.sep === '-' || b.sep === ' ' || b.sep === '.')
  ) {
    const digits = a.digits + b.digits + c.digits;
    const labelled = hasWordBefore(doc, a.start, SSN_WORDS);
    if (ssnValid(digits) || labelled) {
      add(doc, a.start, c.end);
      return i + 3;
    }
  }
  if (a && a.digits.length === 9 && hasWordBefore(doc, a.start, SSN_WORDS)) {
    add(doc, a.start, a.end);
    return i + 1;
  }
  return undefined;
}

function add(doc: CheckDocument, start: number, end: number): void {
  if (doc.accepts())
    doc.add(
      {
        rule: 'phi.ssn',
        category: 'ssn',
        start,
        end,
        severity: doc.severityFor('identifier', start),
        message: MESSAGE,
        fix: redactFix('ssn'),
      },
      90,
    );
  doc.claim(start, end);
}
