import { isAsciiDigit, isLetterAt } from './char-class.js';

/** A maximal digit sequence not glued to letters, e.g. "555" in "(555) 555-0100". */
export interface DigitGroup {
  start: number;
  end: number;
  digits: string;
  /** Separator text between the previous group and this one ("" for the first group). */
  sep: string;
}

/** Consecutive digit groups joined by short separators: the raw material for phones, SSNs, cards, dates, IPs. */
export interface NumericRun {
  groups: DigitGroup[];
  /** A `+` right before the first group (international phone). */
  plus: boolean;
}

const SEPARATORS = new Set([32, 45, 46, 47, 40, 41, 0x2013, 0x2011]);
/** Longest separator between two groups of one run, e.g. ") " or " - ". */
const MAX_SEPARATOR = 3;
/**
 * No identifier has more than six groups; a run of dozens ("1-1-1-…") is a table or an attack, not PHI. A run keeps at
 * most one group more than this (so callers can see it is too long) instead of allocating every group of a 1 MB run.
 */
export const MAX_RUN_GROUPS = 24;
/** Groups longer than this are too long to be part of any identifier pattern and stand alone. */
const MAX_GROUP_DIGITS = 24;

/**
 * Finds numeric runs in one linear pass. Digit groups touching letters on either side ("B12", "3rd") are skipped:
 * they belong to alphanumeric tokens, which other detectors handle.
 */
export function findNumericRuns(text: string): NumericRun[] {
  const runs: NumericRun[] = [];
  const n = text.length;
  let current: NumericRun | undefined;
  let lastEnd = -1;
  let i = 0;
  while (i < n) {
    if (!isAsciiDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isAsciiDigit(text.charCodeAt(i))) i++;
    const end = i;
    const glued =
      (start > 0 && isLetterAt(text, start - 1)) ||
      (end < n && isLetterAt(text, end) && !isExtensionAt(text, end));
    if (glued || end - start > MAX_GROUP_DIGITS) {
      if (current && worthKeeping(current)) runs.push(current);
      current = undefined;
      continue;
    }
    const joinable =
      current !== undefined &&
      start - lastEnd <= MAX_SEPARATOR &&
      isSeparatorRun(text, lastEnd, start);
    const sep = joinable ? text.slice(lastEnd, start) : '';
    if (!joinable || !current) {
      if (current && worthKeeping(current)) runs.push(current);
      current = { groups: [], plus: start > 0 && text.charCodeAt(start - 1) === 43 };
      if (
        !current.plus &&
        start > 1 &&
        text.charCodeAt(start - 1) === 40 &&
        text.charCodeAt(start - 2) === 43
      )
        current.plus = true;
      current.groups.push({ start, end, digits: text.slice(start, end), sep: '' });
    } else if (current.groups.length <= MAX_RUN_GROUPS) {
      current.groups.push({ start, end, digits: text.slice(start, end), sep });
    }
    lastEnd = end;
  }
  if (current && worthKeeping(current)) runs.push(current);
  return runs;
}

/** A lone group of one to four digits ("3", "2024") is no identifier the matchers look for; dropping it early saves work. */
function worthKeeping(run: NumericRun): boolean {
  return run.groups.length > 1 || (run.groups[0]?.digits.length ?? 0) >= 5;
}

function isSeparatorRun(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  let spaces = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!SEPARATORS.has(c)) return false;
    if (c === 32) spaces++;
  }
  return spaces <= 2;
}

/** "x123" or "ext" right after a phone number. */
function isExtensionAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c === 120 || c === 88) && isAsciiDigit(text.charCodeAt(i + 1));
}

/** Length of a phone extension ("x4587", " ext. 12", " x 12") starting at `i`, or 0. */
export function extensionLength(text: string, i: number): number {
  const m = /^(?:\s?(?:x|ext\.?|extension)\s?)(\d{1,6})/i.exec(text.slice(i, i + 20));
  return m ? m[0].length : 0;
}
