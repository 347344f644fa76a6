import type { CheckDocument } from '../engine/document.js';
import { redactFix } from '../engine/redaction.js';
import type { Token } from '../text/tokenize.js';
import { DATE_MESSAGE, EVENT_DATE_MESSAGE, dateSeverity } from './date-cues.js';

const MONTHS = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'setiembre',
  'octubre',
  'noviembre',
  'diciembre',
]);
const WEEKDAYS = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'lunes',
  'martes',
  'miércoles',
  'miercoles',
  'jueves',
  'viernes',
  'sábado',
  'sabado',
  'domingo',
]);
const RELATIVE = new Set(['yesterday', 'today', 'tonight', 'ayer', 'anoche', 'hoy', 'anteayer']);
const RELATIVE_LEADS = new Set(['last', 'this', 'next', 'pasado', 'pasada', 'el', 'este']);
/** "May" and "March" are common words: they count as months only next to a day number or year. */
const WEAK_MONTHS = new Set(['may', 'march', 'mar', 'jan', 'sun', 'dec']);

/** Month (1), weekday (2) or relative day (3): one lookup per word instead of three. */
const DATE_WORD_KIND = new Map<string, 1 | 2 | 3>();
for (const w of RELATIVE) DATE_WORD_KIND.set(w, 3);
for (const w of WEEKDAYS) DATE_WORD_KIND.set(w, 2);
for (const w of MONTHS) DATE_WORD_KIND.set(w, 1);

/** Written dates ("Oct 3", "3rd of October 2024", "3 de octubre"), weekdays ("last Tuesday") and relative days tied to a visit ("yesterday"). */
export function detectDateWords(doc: CheckDocument): void {
  const t = doc.tokens;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    if (!tok || tok.kind !== 'word' || doc.isClaimed(i)) continue;
    const kind = DATE_WORD_KIND.get(tok.norm);
    if (kind === undefined) continue;
    if (kind === 1) {
      const span = monthFirst(t, i) ?? dayFirst(t, i);
      if (span) {
        report(doc, span, false);
        i = span.last;
      }
      continue;
    }
    if (kind === 2) {
      const lead = prevWordIndex(t, i);
      const first = lead !== -1 && RELATIVE_LEADS.has(t[lead]?.norm ?? '') ? lead : i;
      report(doc, { first, last: i }, false);
      continue;
    }
    report(doc, { first: i, last: i }, true);
  }
}

function nextWordIndex(t: Token[], i: number): number {
  for (let k = i + 1; k < t.length && k < i + 4; k++) {
    const x = t[k];
    if (!x) return -1;
    if (x.kind === 'space' || x.text === '.' || x.text === ',') continue;
    return k;
  }
  return -1;
}

function prevWordIndex(t: Token[], i: number): number {
  for (let k = i - 1; k >= 0 && k > i - 3; k--) {
    const x = t[k];
    if (!x) return -1;
    if (x.kind === 'space') continue;
    return x.kind === 'word' ? k : -1;
  }
  return -1;
}

function isDay(x: Token | undefined): boolean {
  if (!x) return false;
  const m = /^(\d{1,2})(?:st|nd|rd|th|º)?$/i.exec(x.text);
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 31;
}

function isYear(x: Token | undefined): boolean {
  return (
    x !== undefined &&
    x.kind === 'num' &&
    x.text.length === 4 &&
    (x.text.startsWith('19') || x.text.startsWith('20'))
  );
}

/** "October 3", "Oct. 3rd, 2024", "March 2024". */
function monthFirst(t: Token[], i: number): { first: number; last: number } | undefined {
  const d = nextWordIndex(t, i);
  if (d === -1) return undefined;
  if (isDay(t[d])) {
    const y = nextWordIndex(t, d);
    return { first: i, last: y !== -1 && isYear(t[y]) ? y : d };
  }
  if (isYear(t[d]) && !WEAK_MONTHS.has(t[i]?.norm ?? '')) return { first: i, last: d };
  return undefined;
}

/** "3 October", "3rd of October 2024", "3 de octubre de 2024". */
function dayFirst(t: Token[], i: number): { first: number; last: number } | undefined {
  let p = prevWordIndex(t, i);
  if (p === -1) {
    // prevWordIndex only returns words; look for a day number directly.
    for (let k = i - 1; k >= 0 && k > i - 3; k--)
      if (t[k]?.kind !== 'space') {
        p = isDay(t[k]) ? k : -1;
        break;
      }
    if (p === -1) return undefined;
  } else if (t[p]?.norm === 'of' || t[p]?.norm === 'de') {
    let q = -1;
    for (let k = p - 1; k >= 0 && k > p - 3; k--)
      if (t[k]?.kind !== 'space') {
        q = isDay(t[k]) ? k : -1;
        break;
      }
    if (q === -1) return undefined;
    p = q;
  } else return undefined;
  let last = i;
  let y = nextWordIndex(t, i);
  if (y !== -1 && t[y]?.norm === 'de') y = nextWordIndex(t, y);
  if (y !== -1 && isYear(t[y])) last = y;
  return { first: p, last };
}

function report(
  doc: CheckDocument,
  span: { first: number; last: number },
  relative: boolean,
): void {
  const { first, last } = span;
  const a = doc.tokens[first];
  const b = doc.tokens[last];
  if (!a || !b) return;
  const severity = dateSeverity(doc, a.start);
  // Relative words ("today") only matter when they date a person's care.
  if (relative && severity === 'info') return;
  doc.claim(a.start, b.end);
  doc.add(
    {
      rule: relative ? 'phi.relative-date' : 'phi.date',
      category: 'date',
      start: a.start,
      end: b.end,
      severity,
      message: severity === 'info' ? EVENT_DATE_MESSAGE : DATE_MESSAGE,
      fix: redactFix('date'),
    },
    55,
    'incidental',
  );
}
