import type { CheckDocument } from '../engine/document.js';
import { redactFix } from '../engine/redaction.js';
import type { NumericRun } from '../text/numeric-runs.js';

/** Dotted-quad IPv4 address with every octet 0–255. */
export function matchIpv4(doc: CheckDocument, run: NumericRun, i: number): number | undefined {
  const g = run.groups;
  if (g.length - i < 4) return undefined;
  for (let k = 0; k < 4; k++) {
    const x = g[i + k];
    if (!x || x.digits.length > 3 || Number(x.digits) > 255 || (k > 0 && x.sep !== '.'))
      return undefined;
  }
  const first = g[i];
  const last = g[i + 3];
  if (!first || !last) return undefined;
  if (doc.accepts())
    doc.add(
      {
        rule: 'phi.ip-address',
        category: 'ip_address',
        start: first.start,
        end: last.end,
        severity: doc.severityFor('identifier', first.start),
        message:
          'An IP address can point to one household or device; it is a Safe Harbor identifier.',
        fix: redactFix('ip_address'),
      },
      80,
    );
  doc.claim(first.start, last.end);
  return i + 4;
}
