import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CheckDocument } from '../engine/document.js';
import { wordsBefore } from '../engine/nearby-words.js';
import { redactFix } from '../engine/redaction.js';
import { extensionLength, type NumericRun } from '../text/numeric-runs.js';
import { npiValid } from '../text/checksums.js';

const PHONE_WORDS = new Set([
  'call',
  'phone',
  'tel',
  'telephone',
  'cell',
  'mobile',
  'text',
  'number',
  'reach',
  'contact',
  'ph',
  'fax',
  'at',
  'teléfono',
  'telefono',
  'llame',
  'llámenos',
  'celular',
  'whatsapp',
  'móvil',
  'número',
  'numero',
  'no',
  'line',
  'dial',
]);
const TOLL_FREE = new Set(['800', '833', '844', '855', '866', '877', '888']);
const MAX_GROUPS = 6;
/** Digits up to each candidate group (scratch space for `matchPhone`). */
const prefixLengths = new Int32Array(MAX_GROUPS);

/** Phone or fax numbers: international (`+`/`00`, validated by libphonenumber-js), NANP 10/11 digits, or grouped local numbers. */
export function matchPhone(doc: CheckDocument, run: NumericRun, i: number): number | undefined {
  const first = run.groups[i];
  if (!first) return undefined;
  const plus = run.plus && i === 0;
  // The longest candidate that classifies wins, so try them longest first and stop at the first that does: an
  // international number is then parsed by libphonenumber-js once instead of once per group.
  let digits = '';
  let jEnd = i - 1;
  for (let j = i; j < run.groups.length && j < i + MAX_GROUPS; j++) {
    const g = run.groups[j];
    if (!g) break;
    if (j > i && (g.sep.includes('/') || (g.sep === '.' && !allDots(run, i, j)))) break;
    if (digits.length + g.digits.length > 15) break;
    digits += g.digits;
    prefixLengths[j - i] = digits.length;
    jEnd = j;
  }
  // Fewer digits than any phone (7, or 8 after a "+") and no 10-digit NPI: nothing below can match, so skip the
  // look-back. Most digit groups ("3 visits", "1-2-3") end here.
  if (digits.length < (plus ? 8 : 7)) return undefined;
  const before = wordsBefore(doc, first.start, 4);
  if (before.includes('npi') && npiValid(first.digits)) {
    doc.claim(first.start, first.end);
    return i + 1;
  }
  const context = before.some((w) => PHONE_WORDS.has(w));
  let best: { j: number; confident: boolean } | undefined;
  for (let j = jEnd; j >= i && !best; j--) {
    const g = run.groups[j];
    if (!g) break;
    const verdict = classify(doc, {
      digits: digits.slice(0, prefixLengths[j - i]),
      plus,
      groups: j - i + 1,
      context,
      start: first.start,
      end: g.end,
    });
    if (verdict) best = { j, confident: verdict === 'sure' };
  }
  if (!best) return undefined;
  const last = run.groups[best.j];
  if (!last) return undefined;
  let start = plus ? first.start - 1 : first.start;
  if (!plus && start > 0 && doc.text.charCodeAt(start - 1) === 40) start--;
  if (plus && doc.text.charCodeAt(start) !== 43) start--;
  const end = last.end + extensionLength(doc.text, last.end);
  const all = run.groups
    .slice(i, best.j + 1)
    .map((g) => g.digits)
    .join('');
  doc.claim(start, end);
  const key = all.length > 10 ? all.slice(-10) : all;
  if (doc.practice.phones.has(key)) return best.j + 1;
  const fax = wordsBefore(doc, first.start, 8).some((w) => FAX_WORDS.has(w));
  const tollFree = all.length >= 10 && TOLL_FREE.has(all.slice(all.length - 10, all.length - 7));
  const severity = tollFree
    ? 'info'
    : best.confident || context
      ? doc.severityFor('identifier', start)
      : doc.severityFor('contextual', start);
  if (doc.accepts())
    doc.add(
      {
        rule: fax ? 'phi.fax' : 'phi.phone',
        category: fax ? 'fax' : 'phone',
        start,
        end,
        severity,
        message: tollFree
          ? 'A toll-free number: fine if it is a public line, not a patient’s.'
          : `This ${fax ? 'fax' : 'phone'} number is not one of the practice’s own numbers. A patient’s number is PHI.`,
        fix: redactFix(fax ? 'fax' : 'phone'),
      },
      70,
      tollFree || best.confident || context ? undefined : 'contextual',
    );
  return best.j + 1;
}

const FAX_WORDS = new Set(['fax', 'faxed', 'faxing', 'facsimile']);

function allDots(run: NumericRun, i: number, j: number): boolean {
  for (let k = i + 1; k <= j; k++) if (run.groups[k]?.sep !== '.') return false;
  return true;
}

interface Candidate {
  digits: string;
  plus: boolean;
  groups: number;
  context: boolean;
  start: number;
  end: number;
}

function classify(doc: CheckDocument, c: Candidate): 'sure' | 'likely' | undefined {
  const d = c.digits;
  if (c.plus) {
    if (d.length < 8) return undefined;
    const parsed = parsePhoneNumberFromString(
      `+${doc.text.slice(c.start, c.end).replace(/^\+/, '')}`,
    );
    return parsed?.isPossible() ? 'sure' : undefined;
  }
  if (d.startsWith('00') && d.length >= 11) {
    const parsed = parsePhoneNumberFromString(`+${d.slice(2)}`);
    return parsed?.isPossible() ? 'sure' : undefined;
  }
  const nanp =
    (d.length === 10 && d[0] !== '0' && d[0] !== '1') ||
    (d.length === 11 && d[0] === '1' && d[1] !== '0' && d[1] !== '1');
  if (nanp) return c.groups >= 2 || c.context ? 'sure' : 'likely';
  if (c.groups >= 2 && d.length >= 7 && d.length <= 12) {
    if (c.context) return 'sure';
    if (c.groups >= 3 || d.startsWith('0')) return 'likely';
    return d.length === 7 ? 'likely' : undefined;
  }
  return undefined;
}
