import type { CheckDocument } from '../engine/document.js';
import { safeReplyFix } from '../engine/safe-reply.js';
import { CLINICAL_TERMS, GENERIC_CARE_NOUNS, SENSITIVE_TERMS } from '../data/vocab/care-terms.js';
import { PhraseMatcher, phraseWord } from '../text/phrase-matcher.js';
import { tokenize } from '../text/tokenize.js';
import type { Severity } from '../types.js';
import { REPLY_PHRASES, type ReplyPhraseKind } from './reply-phrases.js';

let matcher: PhraseMatcher<ReplyPhraseKind> | undefined;

const SECOND_PERSON = new Set([
  'you',
  'your',
  "you're",
  'yours',
  'u',
  'usted',
  'su',
  'sus',
  'tu',
  'tus',
  'he',
  'she',
  'his',
  'her',
  'him',
]);

const MESSAGES: Record<ReplyPhraseKind, string> = {
  confirms:
    'This confirms the reviewer is (or was) a patient. Even a friendly confirmation is a HIPAA disclosure; OCR has fined practices for it.',
  care: 'This speaks of the reviewer’s own care, visit, billing or clinician, which confirms they are a patient and discloses PHI.',
  billing:
    'Payment, balance or insurance details about the reviewer are PHI and confirm they are a patient.',
  implies:
    'This suggests the reviewer was seen here. Keep replies generic: do not acknowledge a visit or relationship.',
  tone: 'Insults, accusations or legal threats in a public reply look bad and may be unlawful review suppression (16 CFR 465).',
};

/**
 * Replies to reviews (kind 'reply'): phrases that confirm a patient relationship or describe care, clinical details
 * said to "you", and clinical details echoed from the review itself (the reviewer's own disclosure is no waiver).
 * Every finding offers a safe generic reply as its fix.
 */
export function detectReplyDisclosure(doc: CheckDocument): void {
  if (doc.kind !== 'reply') return;
  matcher ??= new PhraseMatcher(REPLY_PHRASES);
  const fix = safeReplyFix(doc.practice, doc.spanish);
  const t = doc.tokens;
  const covered = new Set<number>();
  for (const m of matcher.matchAll(t)) {
    const first = t[m.first];
    const last = t[m.last];
    if (!first || !last) continue;
    const generic = m.data === 'care' && GENERIC_CARE_NOUNS.has(phraseWord(last));
    const severity: Severity =
      m.data === 'implies' || m.data === 'tone' || generic ? 'warn' : 'block';
    doc.add({
      rule:
        m.data === 'tone'
          ? 'reply.tone'
          : generic || m.data === 'implies'
            ? 'reply.implies-patient'
            : 'reply.confirms-patient',
      category: 'patient_relationship',
      start: first.start,
      end: last.end,
      severity,
      message: generic ? MESSAGES.implies : MESSAGES[m.data],
      fix:
        m.data === 'tone'
          ? {
              kind: 'advice',
              description: 'Stay calm and generic; invite the reviewer to call the office instead.',
            }
          : fix,
    });
    for (let k = m.first; k <= m.last; k++) covered.add(k);
  }
  const echoed = reviewTerms(doc.input.review);
  const personal = new Set<number>();
  for (const tok of t)
    if (tok.kind === 'word' && SECOND_PERSON.has(phraseWord(tok))) personal.add(tok.sentence);
  t.forEach((tok, i) => {
    if (tok.kind !== 'word' || covered.has(i) || !CLINICAL_TERMS.has(tok.norm)) return;
    const echo = echoed.has(tok.norm);
    if (!echo && !personal.has(tok.sentence)) return;
    const sensitive = SENSITIVE_TERMS.has(tok.norm);
    doc.add({
      rule: echo ? 'reply.echoes-review' : 'reply.clinical-detail',
      category: 'patient_relationship',
      start: tok.start,
      end: tok.end,
      severity: 'block',
      message: echo
        ? 'The review mentions this; repeating it confirms it. A patient’s own disclosure is not permission to discuss it.'
        : sensitive
          ? 'A sensitive health detail (mental health, substance use, HIV or reproductive care) tied to the reviewer. Never discuss it in public.'
          : 'A clinical, billing or attendance detail tied to the reviewer. Replies must not mention any care facts.',
      fix,
    });
  });
}

/** Clinical terms the reviewer used, so a reply that repeats them can be caught. */
function reviewTerms(review: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!review) return out;
  for (const tok of tokenize(review.slice(0, 20_000)))
    if (tok.kind === 'word' && CLINICAL_TERMS.has(tok.norm)) out.add(tok.norm);
  return out;
}
