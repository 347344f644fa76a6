import type { CheckDocument } from '../engine/document.js';
import type { Fix, Severity } from '../types.js';
import { PhraseMatcher } from '../text/phrase-matcher.js';
import { CLAIM_PHRASES, type ClaimRule } from './claim-phrases.js';

let matcher: PhraseMatcher<ClaimRule> | undefined;

const RULES: Record<ClaimRule, { message: string; fix: Fix }> = {
  'claims.guarantee': {
    message:
      'Promises of guaranteed, painless, permanent or risk-free results are absolute health claims the FTC treats as deceptive unless proven.',
    fix: {
      kind: 'advice',
      description: 'Describe typical results and risks instead ("most patients…", "results vary").',
    },
  },
  'claims.cure': {
    message:
      'Saying a treatment cures or reverses a disease needs clinical-trial evidence (FTC Health Products Compliance Guidance).',
    fix: {
      kind: 'advice',
      description: 'Say what the treatment can help with, and link the evidence.',
    },
  },
  'claims.unsubstantiated': {
    message:
      '"Clinically proven" and "FDA approved" must be literally true for this product and use; cite the study or clearance.',
    fix: { kind: 'advice', description: 'Add a citation, or remove the claim.' },
  },
  'claims.superlative': {
    message:
      '"Best", "#1" and "top" claims are hard to substantiate and many state boards forbid them in healthcare advertising.',
    fix: {
      kind: 'advice',
      description:
        'Use a factual statement instead ("board-certified", "20 years in Springfield").',
    },
  },
  'claims.specialist': {
    message:
      'Calling someone a "specialist" is restricted by many dental and medical boards to recognised specialties with the matching training.',
    fix: {
      kind: 'advice',
      description:
        'Only use "specialist" for a board-recognised specialty the provider holds; otherwise say "focuses on".',
    },
  },
  'claims.review-incentive': {
    message:
      'Offering anything in exchange for a review breaks Google’s rules and, when tied to a positive review, the FTC review rule (16 CFR 465).',
    fix: { kind: 'advice', description: 'Ask every patient for an honest review, with no reward.' },
  },
  'claims.review-gating': {
    message:
      'Asking only happy patients for (5-star) reviews is review gating: it distorts ratings (FTC Endorsement Guides, Google policy).',
    fix: {
      kind: 'advice',
      description:
        'Send the same neutral invitation to every patient ("tell us about your experience").',
    },
  },
  'claims.testimonial': {
    message:
      'A patient testimonial, story or before/after is a use of PHI for marketing and needs the patient’s signed HIPAA authorization.',
    fix: {
      kind: 'link-authorization',
      description:
        'Link the patient’s signed authorization that covers this post, or remove the testimonial.',
    },
  },
};

/** Health and marketing claims as warnings with rule ids; testimonials pass when an authorization is linked. */
export function detectMarketingClaims(doc: CheckDocument): void {
  if (doc.kind === 'inbound') return;
  matcher ??= new PhraseMatcher(CLAIM_PHRASES);
  const t = doc.tokens;
  for (const m of matcher.matchAll(t)) {
    if (m.data === 'claims.testimonial' && doc.input.authorizationLinked) continue;
    const first = t[m.first];
    const last = t[m.last];
    if (!first || !last) continue;
    const rule = RULES[m.data];
    const severity: Severity = 'warn';
    doc.add({
      rule: m.data,
      category: 'marketing_claim',
      start: first.start,
      end: last.end,
      severity,
      message: rule.message,
      fix: rule.fix,
    });
  }
}
