import type { CheckDocument } from '../engine/document.js';
import { redactFix } from '../engine/redaction.js';
import { ibanValid, vinValid } from '../text/checksums.js';

const COMMON_CODES =
  /^(?:h\d+n\d+|covid\d*|\d{1,4}(?:st|nd|rd|th|am|pm|s|k|x|p|mg|ml|mm|cm|kg|lb|lbs|hrs?|min|yo|yr|yrs|mo)|[a-z]\d{1,2}|\d+[a-z]|mp\d|b\d{1,2}|w\d|i\d{1,2}|v\d+)$/i;

/**
 * Letter-and-digit codes: IBANs and VINs by their check digits, other long codes ("F162823540116") as unique identifiers.
 * Common short codes ("3rd", "10am", "B12", "H1N1") are left alone.
 */
export function detectAlphanumericIds(doc: CheckDocument): void {
  const t = doc.tokens;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    if (!tok || tok.kind !== 'alnum' || doc.isClaimed(i) || tok.text.length > 64) continue;
    const s = tok.text;
    if (ibanValid(s)) {
      add(doc, tok, 'iban');
      continue;
    }
    if (s.length === 17 && vinValid(s)) {
      add(doc, tok, 'vin');
      continue;
    }
    const digits = (s.match(/\d/g) ?? []).length;
    if (s.length >= 6 && digits >= 4 && digits < s.length && !COMMON_CODES.test(s))
      add(doc, tok, 'other');
  }
}

function add(
  doc: CheckDocument,
  span: { start: number; end: number },
  kind: 'iban' | 'vin' | 'other',
): void {
  const { start, end } = span;
  doc.claim(start, end);
  if (kind === 'iban') {
    if (doc.accepts())
      doc.add(
        {
          rule: 'phi.account-number',
          category: 'account_number',
          start,
          end,
          severity: doc.severityFor('identifier', start),
          message: 'This is a bank account number (IBAN, check digits valid).',
          fix: redactFix('account_number'),
        },
        90,
      );
  } else if (kind === 'vin') {
    if (doc.accepts())
      doc.add(
        {
          rule: 'phi.vehicle-id',
          category: 'vehicle_identifier',
          start,
          end,
          severity: doc.severityFor('identifier', start),
          message:
            'This is a vehicle identification number (VIN, check digit valid). It identifies a vehicle’s owner.',
          fix: redactFix('vehicle_identifier'),
        },
        90,
      );
  } else {
    if (doc.accepts())
      doc.add(
        {
          rule: 'phi.other-id',
          category: 'other_identifier',
          start,
          end,
          severity: doc.severityFor('contextual', start),
          message:
            'A code mixing letters and digits, like a licence, member or record number. Remove it if it belongs to a person.',
          fix: redactFix('other_identifier'),
        },
        40,
        'contextual',
      );
  }
}
