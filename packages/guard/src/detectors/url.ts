import type { CheckDocument } from '../engine/document.js';
import { redactFix } from '../engine/redaction.js';
import { AMBIGUOUS_TLDS, SECOND_LEVEL_LABELS, TLDS, WEB_WORDS } from '../data/vocab/tlds.js';
import { hasWordBefore } from '../engine/nearby-words.js';
import { isAsciiDigit, isAsciiLetter } from '../text/char-class.js';
import { judgeLink } from './link-judgement.js';

const MAX_URL = 2048;
const TRAILING = new Set([46, 44, 59, 58, 33, 63, 41, 93, 125, 39, 34, 0x2019, 0x201d, 62]);

/** `[\w.]`: ASCII letter, digit, `_` or `.`. */
function isWordOrDot(c: number): boolean {
  return isAsciiLetter(c) || isAsciiDigit(c) || c === 95 || c === 46;
}

function isUrlChar(c: number): boolean {
  return c > 32 && c !== 60 && c !== 62 && c !== 34 && c !== 0x201c && c !== 0x201d && c < 0xfff0;
}

/** URLs with a scheme, `www.` links and bare domains with a known TLD; `judgeLink` decides what each one means. */
export function detectUrls(doc: CheckDocument): void {
  const text = doc.text;
  const seen = new Set<number>();
  const scan = (needle: string, backtrack: boolean): void => {
    let p = text.indexOf(needle);
    let after = 0;
    while (p !== -1) {
      let start = p;
      if (backtrack) {
        while (start > 0 && p - start < 10 && isAsciiLetter(text.charCodeAt(start - 1))) start--;
        if (start === p) start = -1;
      } else if (p > 0 && isWordOrDot(text.charCodeAt(p - 1))) start = -1;
      if (start >= after && !seen.has(start)) {
        let end = p + needle.length;
        while (end < text.length && end - start < MAX_URL && isUrlChar(text.charCodeAt(end))) end++;
        while (end > p + needle.length && TRAILING.has(text.charCodeAt(end - 1))) end--;
        if (end > p + needle.length + 2) {
          seen.add(start);
          report(doc, start, end);
          after = end;
        }
      }
      p = text.indexOf(needle, Math.max(p + 1, after));
    }
  };
  scan('://', true);
  scan('www.', false);
  detectBareDomains(doc);
}

/** Bare domains ("pollard.com", "AnonymousEar.fr", "nhs.co.uk/path"): label tokens joined by dots, ending in a known TLD. */
function detectBareDomains(doc: CheckDocument): void {
  const t = doc.tokens;
  for (let i = 0; i + 2 < t.length; i++) {
    const dot = t[i + 1];
    if (dot?.kind !== 'punct' || dot.text !== '.') continue;
    const a = t[i];
    const tld = t[i + 2];
    if (!a || !tld || tld.kind !== 'word' || !TLDS.has(tld.norm) || doc.isClaimed(i)) continue;
    if (a.kind !== 'word' && a.kind !== 'alnum') continue;
    // "finished.It was": a TLD is written all lower- or all upper-case, never as the start of a sentence.
    if (tld.cap && !tld.allCaps) continue;
    const next = t[i + 3];
    if (next && (next.kind === 'word' || next.kind === 'alnum' || next.kind === 'num')) continue;
    // "example.com.br": the longer domain is reported from its last label.
    const after = t[i + 4];
    if (next?.text === '.' && after?.kind === 'word' && TLDS.has(after.norm)) continue;
    let start = a.start;
    let labels = 1;
    let j = i - 1;
    while (
      j >= 1 &&
      t[j]?.text === '.' &&
      (t[j - 1]?.kind === 'word' || t[j - 1]?.kind === 'alnum')
    ) {
      start = t[j - 1]?.start ?? start;
      labels++;
      j -= 2;
    }
    const before = doc.text.charCodeAt(start - 1);
    // An e-mail's domain, a handle's, or a piece of a longer link.
    if (before === 64 || before === 47 || before === 46) continue;
    let end = tld.end;
    const hasPath = doc.text.charCodeAt(end) === 47;
    if (hasPath) {
      while (end < doc.text.length && end - start < MAX_URL && isUrlChar(doc.text.charCodeAt(end)))
        end++;
      while (TRAILING.has(doc.text.charCodeAt(end - 1))) end--;
    }
    if (
      AMBIGUOUS_TLDS.has(tld.norm) &&
      !hasPath &&
      !(labels > 1 && SECOND_LEVEL_LABELS.has(a.norm)) &&
      !hasWordBefore(doc, start, WEB_WORDS)
    )
      continue;
    report(doc, start, end);
  }
}

function report(doc: CheckDocument, start: number, end: number): void {
  doc.claim(start, end);
  // Past the findings cap nothing more is recorded; the claim above is the only effect that still matters.
  if (doc.truncated) return;
  const judgement = judgeLink(doc, start, end);
  if (!judgement) return;
  doc.add(
    {
      rule: 'phi.url',
      category: 'url',
      start,
      end,
      severity: judgement.severity,
      message: judgement.message,
      ...(judgement.redact ? { fix: redactFix('url') } : {}),
    },
    judgement.redact ? 75 : 20,
    judgement.strength,
  );
}
