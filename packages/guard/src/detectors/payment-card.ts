import type { CheckDocument } from '../engine/document.js';
import { hasWordBefore } from '../engine/nearby-words.js';
import { redactFix } from '../engine/redaction.js';
import type { NumericRun } from '../text/numeric-runs.js';
import { luhnValid, npiValid } from '../text/checksums.js';

const CARD_WORDS = new Set([
  'card',
  'credit',
  'debit',
  'cc',
  'visa',
  'mastercard',
  'amex',
  'discover',
  'tarjeta',
  'account',
  'acct',
  'cuenta',
]);
const MAX_GROUPS = 5;

/**
 * Payment card or Luhn-valid account number: 13–19 digits (12 with a card word nearby) in up to five groups
 * separated by spaces or dashes. NPIs (Luhn with the 80840 prefix) are left alone: they identify providers.
 */
export function matchPaymentCard(
  doc: CheckDocument,
  run: NumericRun,
  i: number,
): number | undefined {
  const first = run.groups[i];
  if (!first) return undefined;
  // Whether a card word comes before matters only from 12 digits on: most runs never get there.
  let labelled: boolean | undefined;
  let best: number | undefined;
  let digits = '';
  for (let j = i; j < run.groups.length && j < i + MAX_GROUPS; j++) {
    const g = run.groups[j];
    if (!g) break;
    if (j > i && g.sep !== ' ' && g.sep !== '-') break;
    digits += g.digits;
    if (digits.length > 19) break;
    if (digits.length < 12) continue;
    labelled ??= hasWordBefore(doc, first.start, CARD_WORDS);
    const min = labelled ? 12 : 13;
    if (digits.length >= min && luhnValid(digits) && !(digits.length === 10 && npiValid(digits)))
      best = j;
  }
  if (best === undefined) return undefined;
  const last = run.groups[best];
  if (!last) return undefined;
  if (doc.accepts())
    doc.add(
      {
        rule: 'phi.account-number',
        category: 'account_number',
        start: first.start,
        end: last.end,
        severity: doc.severityFor('identifier', first.start),
        message:
          'This looks like a card or account number (its check digit is valid). Account numbers are patient identifiers.',
        fix: redactFix('account_number'),
      },
      85,
    );
  doc.claim(first.start, last.end);
  return best + 1;
}
