import type { CheckDocument } from '../engine/document.js';
import { redactFix } from '../engine/redaction.js';
import { domainOf } from '../context/practice.js';
import { isAsciiDigit, isAsciiLetter } from '../text/char-class.js';

const MAX_URL = 2048;
const SOCIAL_HOSTS = new Set([
  'facebook.com',
  'fb.com',
  'instagram.com',
  'x.com',
  'twitter.com',
  'tiktok.com',
  'linkedin.com',
  'youtube.com',
  'threads.net',
  'bsky.app',
  'pinterest.com',
  'reddit.com',
  'snapchat.com',
]);
const PERSONAL_PARAMS =
  /[?&](?:name|first|last|firstname|lastname|fname|lname|email|e-mail|patient|patient_id|pt|mrn|dob|birthdate|phone|tel|member|user|uid|userid|ssn|id|visit|procedure|treatment|condition|diagnosis|dx|appointment|appt)=[^&#\s]/i;
const BARE_TLDS = new Set([
  'com',
  'org',
  'net',
  'edu',
  'gov',
  'io',
  'co',
  'us',
  'health',
  'care',
  'dental',
  'clinic',
  'info',
  'biz',
  'me',
  'app',
  'ly',
  'social',
]);
const TRAILING = new Set([46, 44, 59, 58, 33, 63, 41, 93, 125, 39, 34, 0x2019, 0x201d, 62]);

/** `[\w.]`: ASCII letter, digit, `_` or `.`. */
function isWordOrDot(c: number): boolean {
  return isAsciiLetter(c) || isAsciiDigit(c) || c === 95 || c === 46;
}

function isUrlChar(c: number): boolean {
  return c > 32 && c !== 60 && c !== 62 && c !== 34 && c !== 0x201c && c !== 0x201d && c < 0xfff0;
}

/** URLs with a scheme, `www.` links and bare domains with a common TLD. Practice links pass; profile links and links carrying personal parameters are flagged. */
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

function detectBareDomains(doc: CheckDocument): void {
  const t = doc.tokens;
  for (let i = 0; i + 2 < t.length; i++) {
    const a = t[i];
    const dot = t[i + 1];
    const tld = t[i + 2];
    if (
      !a ||
      !dot ||
      !tld ||
      dot.text !== '.' ||
      tld.kind !== 'word' ||
      !BARE_TLDS.has(tld.norm) ||
      doc.isClaimed(i)
    )
      continue;
    if (a.kind !== 'word' && a.kind !== 'alnum') continue;
    const next = t[i + 3];
    if (next && (next.kind === 'word' || next.kind === 'alnum')) continue;
    let start = a.start;
    let j = i - 1;
    while (
      j >= 1 &&
      t[j]?.text === '.' &&
      (t[j - 1]?.kind === 'word' || t[j - 1]?.kind === 'alnum')
    ) {
      start = t[j - 1]?.start ?? start;
      j -= 2;
    }
    let end = tld.end;
    if (doc.text.charCodeAt(end) === 47) {
      while (end < doc.text.length && end - start < MAX_URL && isUrlChar(doc.text.charCodeAt(end)))
        end++;
      while (TRAILING.has(doc.text.charCodeAt(end - 1))) end--;
    }
    if (start > 0 && doc.text.charCodeAt(start - 1) === 64) continue;
    report(doc, start, end);
  }
}

function report(doc: CheckDocument, start: number, end: number): void {
  doc.claim(start, end);
  // Past the findings cap nothing more is recorded; the claim above is the only effect that still matters.
  if (doc.truncated) return;
  const url = doc.text.slice(start, end);
  const host = domainOf(url);
  const personal = PERSONAL_PARAMS.test(url);
  // Even the practice's own links must not carry a patient's name or visit in their parameters (HIPAA.md §5.4).
  if (!personal)
    for (const d of doc.practice.domains) if (host === d || host.endsWith(`.${d}`)) return;
  const path = url
    .replace(/^[a-z]+:\/\//i, '')
    .slice(host.length + (url.toLowerCase().includes('www.') ? 4 : 0));
  const social =
    SOCIAL_HOSTS.has(host) &&
    /^\/[^/?#\s]{2,}/.test(path) &&
    !/^\/(?:share|sharer|hashtag|explore|search|watch|p|reel|status|posts)\b/i.test(path);
  if (social || personal) {
    doc.add(
      {
        rule: 'phi.url',
        category: 'url',
        start,
        end,
        severity: personal
          ? doc.severityFor('identifier', start)
          : doc.severityFor('contextual', start),
        message: personal
          ? 'This link carries personal details in its parameters (a name, visit, e-mail, ID or date of birth). Use an opaque token instead.'
          : 'This link points to a person’s profile. Linking a person to the practice can reveal they are a patient.',
        fix: redactFix('url'),
      },
      75,
    );
    return;
  }
  doc.add(
    {
      rule: 'phi.url',
      category: 'url',
      start,
      end,
      severity: doc.severityFor('incidental', start),
      message: 'A link. Fine unless it leads to a page about a particular person.',
    },
    20,
    'incidental',
  );
}
