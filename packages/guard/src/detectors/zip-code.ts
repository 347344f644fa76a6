import type { CheckDocument } from '../engine/document.js';
import { wordsBefore } from '../engine/nearby-words.js';
import type { NumericRun } from '../text/numeric-runs.js';
import { RESTRICTED_ZIP3, US_STATE_CODES, US_STATE_NAMES } from '../data/vocab/places.js';

const ZIP_WORDS = new Set(['zip', 'zipcode', 'postal', 'postcode', 'código', 'codigo']);

/**
 * US ZIP (5 or 5+4 digits) after a state, a ZIP label or a city line. The practice's own ZIP is not PHI.
 * The fix applies the Safe Harbor three-digit rule: keep the first three digits unless that area is under 20,000 people.
 */
export function matchZip(doc: CheckDocument, run: NumericRun, i: number): number | undefined {
  const a = run.groups[i];
  if (!a || a.digits.length !== 5) return undefined;
  const before = wordsBefore(doc, a.start, 3);
  const prev = before[0] ?? '';
  const prev2 = before.slice(0, 2).reverse().join(' ');
  const prevCity = before.slice(0, 2).reverse().join(' ');
  const anchored =
    doc.lex.usCities.has(prev) ||
    doc.lex.usCities.has(prevCity) ||
    US_STATE_CODES.has(prev) ||
    US_STATE_NAMES.has(prev) ||
    US_STATE_NAMES.has(prev2) ||
    before.some((w) => ZIP_WORDS.has(w));
  if (!anchored) return undefined;
  const plus4 = run.groups[i + 1];
  const end = plus4 && plus4.sep === '-' && plus4.digits.length === 4 ? plus4.end : a.end;
  doc.claim(a.start, end);
  if (doc.practice.zips.has(a.digits)) return end === a.end ? i + 1 : i + 2;
  const zip3 = a.digits.slice(0, 3);
  const replacement = RESTRICTED_ZIP3.has(zip3) ? '000' : `${zip3}xx`;
  if (doc.accepts())
    doc.add(
      {
        rule: 'phi.zip',
        category: 'geographic',
        start: a.start,
        end,
        severity: doc.severityFor('contextual', a.start),
        message:
          'A full ZIP code narrows a person down to a small area. Safe Harbor allows only the first three digits (000 for small areas).',
        fix: {
          kind: 'redact',
          replacement,
          description: `Keep at most the first three digits: ${replacement}.`,
        },
      },
      50,
      'contextual',
    );
  return end === a.end ? i + 1 : i + 2;
}
