import type { CheckDocument } from '../engine/document.js';
import { redactFix } from '../engine/redaction.js';
import type { NumericRun } from '../text/numeric-runs.js';
import { DATE_MESSAGE, EVENT_DATE_MESSAGE, dateSeverity } from './date-cues.js';

/** Numeric dates: m/d/yyyy, m-d-yy, d.m.yyyy, yyyy-mm-dd, and m/d with a slash. */
export function matchNumericDate(
  doc: CheckDocument,
  run: NumericRun,
  i: number,
): number | undefined {
  const a = run.groups[i];
  const b = run.groups[i + 1];
  if (!a || !b) return undefined;
  const sep = b.sep;
  if (sep !== '/' && sep !== '-' && sep !== '.') return undefined;
  const c = run.groups[i + 2];
  const third = c && c.sep === sep ? c : undefined;
  let ok = false;
  if (a.digits.length === 4 && third) {
    ok = month(b.digits) && day(third.digits);
  } else if (a.digits.length <= 2 && b.digits.length <= 2) {
    const md = (month(a.digits) && day(b.digits)) || (day(a.digits) && month(b.digits));
    if (third) ok = md && (third.digits.length === 2 || third.digits.length === 4);
    else ok = md && sep === '/' && !(run.groups[i + 2] && run.groups[i + 2]?.sep === '/');
  }
  if (!ok) return undefined;
  const last = third ?? b;
  if (doc.accepts()) {
    const severity = dateSeverity(doc, a.start);
    doc.add(
      {
        rule: 'phi.date',
        category: 'date',
        start: a.start,
        end: last.end,
        severity,
        message: severity === 'info' ? EVENT_DATE_MESSAGE : DATE_MESSAGE,
        fix: redactFix('date'),
      },
      60,
      'incidental',
    );
  }
  doc.claim(a.start, last.end);
  return third ? i + 3 : i + 2;
}

function month(s: string): boolean {
  const v = Number(s);
  return s.length <= 2 && v >= 1 && v <= 12;
}

function day(s: string): boolean {
  const v = Number(s);
  return s.length <= 2 && v >= 1 && v <= 31;
}
