import type { CheckDocument, Strength } from '../engine/document.js';
import type { Severity } from '../types.js';
import { domainOf } from '../context/practice.js';
import { INSTITUTIONAL_TLDS } from '../data/vocab/tlds.js';

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

/** Sites whose pages are, by design, about one person: fundraisers, care journals, memorials, link-in-bio and payment pages. */
const PERSONAL_PAGE_HOSTS = new Set([
  'gofundme.com',
  'givesendgo.com',
  'fundly.com',
  'fundrazr.com',
  'gogetfunding.com',
  'youcaring.com',
  'spotfund.com',
  'justgiving.com',
  'caringbridge.org',
  'mealtrain.com',
  'lotsahelpinghands.com',
  'carepages.com',
  'legacy.com',
  'everloved.com',
  'forevermissed.com',
  'linktr.ee',
  'about.me',
  'venmo.com',
  'paypal.me',
  'cash.app',
]);

const PERSONAL_PARAMS =
  /[?&](?:name|first|last|firstname|lastname|fname|lname|email|e-mail|patient|patient_id|pt|mrn|dob|birthdate|phone|tel|member|user|uid|userid|ssn|id|visit|procedure|treatment|condition|diagnosis|dx|appointment|appt)=[^&#\s]/i;

/** Labels of a contact card line ("Website: …"), read just before the link. */
const LINK_LABELS = new Set([
  'website',
  'homepage',
  'web',
  'blog',
  'url',
  'site',
  'sitio',
  'portfolio',
]);
/** First-person words: the link is the writer's own (a practice speaks as "we"/"our"). */
const FIRST_PERSON = new Set([
  'i',
  "i'm",
  'i’m',
  "i've",
  'i’ve',
  "i'd",
  "i'll",
  'my',
  'me',
  'mine',
  'mi',
  'mis',
]);
/** Sharing words: the link leads to someone's own posts, files or a page about them. */
const SHARING = new Set([
  'posted',
  'shared',
  'uploaded',
  'album',
  'fundraiser',
  'memorial',
  'obituary',
]);
/** "his website", "her blog", "their page": a third person's own page. */
const PERSONAL_PAGES = new Set([
  'website',
  'homepage',
  'site',
  'blog',
  'page',
  'profile',
  'channel',
  'portfolio',
  'story',
]);
const THIRD_PERSON = new Set(['his', 'her', 'their']);
const LOOK_BACK = 12;

export interface LinkJudgement {
  severity: Severity;
  message: string;
  strength: Strength;
  /** Offer the redaction fix (the link is about a person). */
  redact: boolean;
}

/**
 * What a link found at [start, end) means (Safe Harbor #14: web addresses of the individual).
 * - the practice's own site or handle: nothing (unless its parameters carry personal details, HIPAA.md §5.4);
 * - personal parameters (`?patient=`, `&dob=`): an identifier, blocked;
 * - a social profile, a fundraiser / memorial / care page, or a path named after someone: contextual (warn in a
 *   post, block in a reply or message or when a person is named in the sentence);
 * - any other link that the sentence presents as a person's own ("my website is…", "Website:" on a contact card,
 *   "just posted a photo…", "shared files with you…"): warn, or block when a person is named in the sentence —
 *   except the home page of a public institution (.gov, .edu, .int, .mil);
 * - every other link (a hospital's home page, a CDC article): a note (`info`), raised only if a person is named.
 */
export function judgeLink(doc: CheckDocument, start: number, end: number): LinkJudgement | null {
  const url = doc.text.slice(start, end);
  const host = domainOf(url);
  const personal = PERSONAL_PARAMS.test(url);
  if (!personal && isPractices(doc, host)) return null;
  if (personal)
    return {
      severity: doc.severityFor('identifier', start),
      strength: 'identifier',
      redact: true,
      message:
        'This link carries personal details in its parameters (a name, visit, e-mail, ID or date of birth). Use an opaque token instead.',
    };
  const path = pathOf(url, host);
  if (socialProfile(host, path))
    return {
      severity: doc.severityFor('contextual', start),
      strength: 'contextual',
      redact: true,
      message:
        'This link points to a person’s profile. Linking a person to the practice can reveal they are a patient.',
    };
  if ((PERSONAL_PAGE_HOSTS.has(host) && path.length > 1) || namedPath(doc, path))
    return {
      severity: doc.severityFor('contextual', start),
      strength: 'contextual',
      redact: true,
      message:
        'This link points to a page about a particular person (a fundraiser, memorial or care page, or a page named after someone). Linking it to the practice can reveal they are a patient.',
    };
  if (!institutionalHome(host, path) && presentedAsPersonal(doc, start))
    return {
      severity:
        doc.kind === 'inbound' ? 'info' : doc.personCue(doc.sentenceAt(start)) ? 'block' : 'warn',
      strength: 'incidental',
      redact: true,
      message:
        'This reads as a person’s own web address (their website, photos or shared files). A person’s web address identifies them: remove it unless it is a public page that says nothing about a patient.',
    };
  return {
    severity: doc.severityFor('incidental', start),
    strength: 'incidental',
    redact: false,
    message: 'A link. Fine unless it leads to a page about a particular person.',
  };
}

function isPractices(doc: CheckDocument, host: string): boolean {
  for (const d of doc.practice.domains) if (host === d || host.endsWith(`.${d}`)) return true;
  // Bluesky and Mastodon handles are domains ("maplegrove.bsky.social").
  return doc.practice.handles.has(host);
}

/** The part after the host: path, query and fragment. */
function pathOf(url: string, host: string): string {
  const rest = url.replace(/^[a-z]+:\/\//i, '');
  return rest.slice(host.length + (/^www\./i.test(rest) ? 4 : 0));
}

function socialProfile(host: string, path: string): boolean {
  return (
    SOCIAL_HOSTS.has(host) &&
    /^\/[^/?#\s]{2,}/.test(path) &&
    !/^\/(?:share|sharer|hashtag|explore|search|watch|p|reel|status|posts)\b/i.test(path)
  );
}

function institutionalHome(host: string, path: string): boolean {
  const tld = host.slice(host.lastIndexOf('.') + 1);
  return INSTITUTIONAL_TLDS.has(tld) && (path === '' || path === '/');
}

/** A path segment like `maria-lopez` or `arjun_lindqvist`: a known given name followed by a known surname (not the practice's own people). */
function namedPath(doc: CheckDocument, path: string): boolean {
  if (path.length < 4) return false;
  const parts = path.toLowerCase().split(/[^\p{L}]+/u);
  const { firstNames, surnames, english } = doc.lex;
  const own = doc.practice.personTokens;
  for (let i = 0; i + 1 < parts.length; i++) {
    const first = parts[i] ?? '';
    const last = parts[i + 1] ?? '';
    if (first.length < 2 || last.length < 2) continue;
    if (!firstNames.has(first) || !surnames.has(last)) continue;
    if (english.has(first) && english.has(last)) continue;
    if (own.has(first) && own.has(last)) continue;
    return true;
  }
  return false;
}

/** The sentence before the link presents it as someone's own: a "Website:" label, first-person words, sharing words. */
function presentedAsPersonal(doc: CheckDocument, start: number): boolean {
  const t = doc.tokens;
  let i = doc.tokenIndexAt(start) - 1;
  // "Website:\nhttps://…" — a contact-card label, possibly on the line above.
  let k = i;
  while (k >= 0 && t[k]?.kind === 'space') k--;
  if (t[k]?.text === ':' && LINK_LABELS.has(t[k - 1]?.norm ?? '')) return true;
  const sentence = t[i + 1]?.sentence ?? t[i]?.sentence;
  let words = 0;
  let following = '';
  for (; i >= 0 && words < LOOK_BACK; i--) {
    const tok = t[i];
    if (!tok || tok.sentence !== sentence) break;
    if (tok.kind !== 'word') continue;
    words++;
    const w = tok.norm;
    if (FIRST_PERSON.has(w) || SHARING.has(w)) return true;
    if (THIRD_PERSON.has(w) && PERSONAL_PAGES.has(following)) return true;
    following = w;
  }
  return false;
}
