import type { CheckInput, CheckResult, Guard, GuardContext } from './types.js';
import { assertCheckableText, GuardInputError } from './errors.js';
import { buildPracticeModel } from './context/practice.js';
import { lexicon } from './data/lexicon.js';
import { CheckDocument } from './engine/document.js';
import { resolveOverlaps, verdictOf } from './engine/resolve.js';
import { tokenize } from './text/tokenize.js';
import { ADD_ONLY_DETECTORS, DETECTORS } from './detectors/index.js';
import { applyAllowList } from './detectors/custom-rules.js';

const KINDS = new Set(['post', 'reply', 'message', 'inbound']);

/**
 * Creates a guard for one practice. The context (providers, staff, locations, website, handles, custom rules)
 * is what the practice publishes about itself: the guard never flags it as PHI.
 *
 * @example
 * const guard = createGuard({ providers: [{ name: 'Dr. Ana Lee' }], locations: [{ phone: '(555) 201-3300' }] });
 * guard.check({ text: 'Happy 90th, Mr. Kline!', kind: 'post' }).verdict; // 'block'
 */
export function createGuard(context: GuardContext = {}): Guard {
  const practice = buildPracticeModel(context ?? {});
  const lex = lexicon();
  return {
    check(input: CheckInput): CheckResult {
      if (!input || typeof input !== 'object')
        throw new GuardInputError('check() needs an object like { text, kind }.');
      assertCheckableText(input.text);
      if (!KINDS.has(input.kind))
        throw new GuardInputError(`Unknown kind; use one of: post, reply, message, inbound.`);
      const doc = new CheckDocument({ input, tokens: tokenize(input.text), practice, lex });
      for (const detect of DETECTORS) {
        if (doc.truncated && ADD_ONLY_DETECTORS.has(detect)) continue;
        detect(doc);
      }
      doc.raiseSeverities();
      applyAllowList(doc);
      if (doc.truncated) {
        doc.findings.push({
          rule: 'guard.too-many-findings',
          category: 'other_identifier',
          start: 0,
          end: 0,
          text: '',
          severity: 'block',
          message:
            'This text has more possible identifiers than the guard lists; check the whole text by hand.',
        });
        doc.priorities.push(0);
      }
      const findings = resolveOverlaps(doc.findings, doc.priorities);
      return { verdict: verdictOf(findings), findings };
    },
  };
}
