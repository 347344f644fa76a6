import type { CheckDocument } from '../engine/document.js';
import { redactFix } from '../engine/redaction.js';
import { wordsBefore } from '../engine/nearby-words.js';

const PRAISE = new Set([
  'proud',
  'shout',
  'out',
  'congrats',
  'congratulations',
  'thanks',
  'thank',
  'kudos',
  'welcome',
  'happy',
  'birthday',
  'felicidades',
  'gracias',
]);
import { isAsciiLetter, isAsciiDigit } from '../text/char-class.js';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_HANDLE = 30;

function isLocalChar(c: number): boolean {
  return (
    isAsciiLetter(c) || isAsciiDigit(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45
  );
}

function isDomainChar(c: number): boolean {
  return isAsciiLetter(c) || isAsciiDigit(c) || c === 46 || c === 45;
}

function isHandleChar(c: number): boolean {
  return isAsciiLetter(c) || isAsciiDigit(c) || c === 95 || c === 46;
}

/**
 * E-mail addresses and @handles, found from each `@` by bounded scans left and right (no regex backtracking).
 * The practice's own addresses, domains and handles are skipped.
 */
export function detectEmailsAndHandles(doc: CheckDocument): void {
  const text = doc.text;
  let at = text.indexOf('@');
  let consumedTo = 0;
  while (at !== -1) {
    if (at >= consumedTo) consumedTo = handleAt(doc, at);
    at = text.indexOf('@', Math.max(at + 1, consumedTo));
  }
}

/** Handles the `@` at `at`; returns the offset where the next search may start. */
function handleAt(doc: CheckDocument, at: number): number {
  const text = doc.text;
  let l = at;
  while (l > 0 && at - l < MAX_LOCAL && isLocalChar(text.charCodeAt(l - 1))) l--;
  while (l < at && text.charCodeAt(l) === 46) l++;
  let r = at + 1;
  while (r < text.length && r - at <= MAX_DOMAIN && isDomainChar(text.charCodeAt(r))) r++;
  let end = r;
  while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45))
    end--;
  // Cheap tests first: most `@`s (mentions, "a@a@a…") have no local part or no dot, and need no string work.
  const domain = l < at && hasDot(text, at + 1, end) ? text.slice(at + 1, end).toLowerCase() : '';
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  const isEmail = domain !== '' && /^[a-z]{2,24}$/.test(tld) && !domain.includes('..');
  if (isEmail && !(l > 0 && text.charCodeAt(l - 1) === 64)) {
    const email = text.slice(l, end).toLowerCase();
    doc.claim(l, end);
    if (!doc.practice.emails.has(email) && !ownDomain(doc, domain)) {
      if (doc.accepts())
        doc.add(
          {
            rule: 'phi.email',
            category: 'email',
            start: l,
            end,
            severity: doc.severityFor('identifier', l),
            message:
              'An e-mail address that is not the practice’s own. A patient’s e-mail address is PHI.',
            fix: redactFix('email'),
          },
          80,
        );
    }
    return end;
  }
  // A mention: "@maria_k" or "@maria@mastodon.social", not part of a word or e-mail.
  if (at > 0 && isLocalChar(text.charCodeAt(at - 1)) && text.charCodeAt(at - 1) !== 46)
    return at + 1;
  let h = at + 1;
  while (h < text.length && h - at <= MAX_HANDLE && isHandleChar(text.charCodeAt(h))) h++;
  while (h > at + 1 && text.charCodeAt(h - 1) === 46) h--;
  if (h === at + 1) return at + 1;
  const handle = text.slice(at + 1, h).toLowerCase();
  let hEnd = h;
  if (text.charCodeAt(h) === 64 && isEmail) hEnd = end; // Mastodon @user@instance
  doc.claim(at, hEnd);
  if (doc.practice.handles.has(handle)) return hEnd;
  const praised = wordsBefore(doc, at, 3).some((w) => PRAISE.has(w));
  if (doc.accepts())
    doc.add(
      {
        rule: 'phi.handle',
        category: 'name',
        start: at,
        end: hEnd,
        severity: praised && doc.kind !== 'inbound' ? 'block' : doc.severityFor('contextual', at),
        message:
          'Tagging or naming an account links a person to the practice. If they are a patient, this confirms it.',
        fix: redactFix('name', '[account]'),
      },
      55,
      'contextual',
    );
  return hEnd;
}

/** A `.` in text[from, to), scanning only that window (an unbounded indexOf would be quadratic on "a@a@a…"). */
function hasDot(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 46) return true;
  return false;
}

function ownDomain(doc: CheckDocument, domain: string): boolean {
  for (const d of doc.practice.domains) if (domain === d || domain.endsWith(`.${d}`)) return true;
  return false;
}
