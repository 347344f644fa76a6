import type { CheckDocument } from '../engine/document.js';
import { redactFix } from '../engine/redaction.js';
import type { FindingCategory } from '../types.js';
import type { Token } from '../text/tokenize.js';

interface Label {
  category: FindingCategory;
  rule: string;
  what: string;
}

const MRN: Label = {
  category: 'medical_record_number',
  rule: 'phi.mrn',
  what: 'a medical record number',
};
const PLAN: Label = {
  category: 'health_plan_number',
  rule: 'phi.health-plan-id',
  what: 'a health plan or member number',
};
const ACCOUNT: Label = {
  category: 'account_number',
  rule: 'phi.account-number',
  what: 'an account number',
};
const LICENSE: Label = {
  category: 'license_number',
  rule: 'phi.license-number',
  what: 'a licence or certificate number',
};
const VEHICLE: Label = {
  category: 'vehicle_identifier',
  rule: 'phi.vehicle-id',
  what: 'a vehicle identifier or plate',
};
const DEVICE: Label = {
  category: 'device_identifier',
  rule: 'phi.device-id',
  what: 'a device identifier or serial number',
};
const OTHER: Label = {
  category: 'other_identifier',
  rule: 'phi.other-id',
  what: 'an identifying number',
};

/** Label words (last word of the label) mapped to what the following code is. Multi-word labels are checked via the word before. */
const LABELS = new Map<string, Label>([
  ['mrn', MRN],
  ['chart', MRN],
  ['expediente', MRN],
  ['record', MRN],
  ['patient', MRN],
  ['paciente', MRN],
  ['member', PLAN],
  ['subscriber', PLAN],
  ['policy', PLAN],
  ['group', PLAN],
  ['insurance', PLAN],
  ['medicare', PLAN],
  ['medicaid', PLAN],
  ['mbi', PLAN],
  ['hicn', PLAN],
  ['beneficiary', PLAN],
  ['plan', PLAN],
  ['póliza', PLAN],
  ['seguro', PLAN],
  ['account', ACCOUNT],
  ['acct', ACCOUNT],
  ['invoice', ACCOUNT],
  ['claim', ACCOUNT],
  ['billing', ACCOUNT],
  ['routing', ACCOUNT],
  ['iban', ACCOUNT],
  ['cuenta', ACCOUNT],
  ['factura', ACCOUNT],
  ['license', LICENSE],
  ['licence', LICENSE],
  ['dl', LICENSE],
  ['certificate', LICENSE],
  ['cert', LICENSE],
  ['dea', LICENSE],
  ['passport', LICENSE],
  ['licencia', LICENSE],
  ['pasaporte', LICENSE],
  ['permit', LICENSE],
  ['plate', VEHICLE],
  ['plates', VEHICLE],
  ['vin', VEHICLE],
  ['tag', VEHICLE],
  ['placa', VEHICLE],
  ['serial', DEVICE],
  ['sn', DEVICE],
  ['imei', DEVICE],
  ['udi', DEVICE],
  ['device', DEVICE],
  ['pacemaker', DEVICE],
  ['implant', DEVICE],
  ['mac', DEVICE],
  ['lot', DEVICE],
  ['id', OTHER],
  ['identifier', OTHER],
  ['case', OTHER],
  ['ticket', OTHER],
  ['reference', OTHER],
  ['ref', OTHER],
  ['confirmation', OTHER],
  ['badge', OTHER],
  ['employee', OTHER],
  ['student', OTHER],
]);

/** Filler allowed between a label and its code: "MRN #: 12345", "member ID number 123". */
const FILLER = new Set([
  '#',
  ':',
  'no',
  'num',
  'number',
  'nr',
  'id',
  'is',
  'número',
  'numero',
  'of',
  '-',
  '.',
  'code',
  '(',
  '[',
  'was',
  'reads',
]);
const MAX_FILLER = 4;

/** Codes after a label word: "MRN 00123", "Member ID: XJH123456", "plate 7ABC123", "serial # SN-99812". */
export function detectLabelledIds(doc: CheckDocument): void {
  const t = doc.tokens;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    if (!tok || (tok.kind !== 'word' && tok.kind !== 'alnum')) continue;
    let label = LABELS.get(tok.norm);
    if (!label) continue;
    if (tok.norm === 'id' || tok.norm === 'number') {
      const prev = previousWord(t, i);
      const better = prev ? LABELS.get(prev.norm) : undefined;
      if (better && better !== OTHER) label = better;
    }
    if (
      label === VEHICLE &&
      tok.norm === 'tag' &&
      !/plate|vehicle|car|license/.test(previousWord(t, i)?.norm ?? '')
    )
      continue;
    const code = findCode(t, i + 1);
    if (!code || doc.isClaimed(code.first)) continue;
    const start = t[code.first]?.start ?? 0;
    const end = t[code.last]?.end ?? start;
    doc.claim(start, end);
    doc.add(
      {
        rule: label.rule,
        category: label.category,
        start,
        end,
        severity: doc.severityFor('identifier', start),
        message: `This looks like ${label.what}. It identifies a person and must not be published.`,
        fix: redactFix(label.category),
      },
      95,
    );
    i = code.last;
  }
}

function previousWord(t: Token[], i: number): Token | undefined {
  for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
    const x = t[k];
    if (x && (x.kind === 'word' || x.kind === 'alnum')) return x;
  }
  return undefined;
}

/** The code after a label: tokens with at least one digit, joined by `-`, up to 40 characters. */
function findCode(t: Token[], from: number): { first: number; last: number } | undefined {
  let i = from;
  let filler = 0;
  while (i < t.length) {
    const x = t[i];
    if (!x) return undefined;
    if (x.kind === 'space') {
      if (x.newline) return undefined;
      i++;
      continue;
    }
    if ((x.kind === 'num' || x.kind === 'alnum') && /\d/.test(x.text)) break;
    if (x.kind === 'word' && x.allCaps && x.text.length <= 4 && /[-\d]/.test(t[i + 1]?.text ?? ''))
      break;
    // A period followed by a space ends the label's sentence ("drop-in group. Call …").
    if (x.text === '.' && t[i + 1]?.kind === 'space') return undefined;
    if (FILLER.has(x.norm) && filler < MAX_FILLER) {
      filler++;
      i++;
      continue;
    }
    // "member ID wrong (W3143 2737)": one stray word is fine when a bracketed code follows it.
    if (
      x.kind === 'word' &&
      !x.cap &&
      filler < MAX_FILLER &&
      t[i + 1]?.kind === 'space' &&
      t[i + 2]?.text === '(' &&
      t[i - 1]?.text !== '.'
    ) {
      filler++;
      i++;
      continue;
    }
    return undefined;
  }
  const first = i;
  let last = i;
  let digits = 0;
  let length = 0;
  for (let k = i; k < t.length && length < 40; k++) {
    const x = t[k];
    if (!x) break;
    if (
      x.kind === 'num' ||
      x.kind === 'alnum' ||
      (x.kind === 'word' && x.allCaps && x.text.length <= 4)
    ) {
      digits += (x.text.match(/\d/g) ?? []).length;
      length += x.text.length;
      last = k;
      continue;
    }
    const nextKind = t[k + 1]?.kind;
    if (x.text === '-' && (nextKind === 'num' || nextKind === 'alnum' || t[k + 1]?.allCaps)) {
      length++;
      continue;
    }
    // "4111 1111 1111": one space between digit groups keeps the code together.
    if (
      x.kind === 'space' &&
      x.text === ' ' &&
      (t[k - 1]?.kind === 'num' || t[k - 1]?.kind === 'alnum') &&
      nextKind === 'num'
    ) {
      length++;
      continue;
    }
    break;
  }
  if (digits < 3) return undefined;
  return { first, last };
}
