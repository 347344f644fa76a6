import type { CheckDocument } from '../engine/document.js';
import { findNumericRuns, MAX_RUN_GROUPS, type NumericRun } from '../text/numeric-runs.js';
import { matchIpv4 } from './ipv4.js';
import { matchLongNumber } from './long-number.js';
import { matchNumericDate } from './numeric-date.js';
import { matchPaymentCard } from './payment-card.js';
import { matchPhone } from './phone.js';
import { matchSsn } from './ssn.js';
import { matchZip } from './zip-code.js';

type Matcher = (doc: CheckDocument, run: NumericRun, i: number) => number | undefined;

/** Most specific first: an IP or a date must not be read as a phone, an SSN not as a card. */
const MATCHERS: Matcher[] = [
  matchIpv4,
  matchNumericDate,
  matchSsn,
  matchPaymentCard,
  matchPhone,
  matchZip,
  matchLongNumber,
];

/**
 * Walks every numeric run once. At each group the first matcher that fits consumes its groups;
 * each matcher looks at a bounded window, so the whole pass is linear in the input.
 */
export function detectNumericIdentifiers(doc: CheckDocument): void {
  const tokens = doc.tokens;
  // Groups come in text order, so the token holding each one is found by walking forward, not by a binary search.
  let cursor = 0;
  for (const run of findNumericRuns(doc.text)) {
    if (run.groups.length > MAX_RUN_GROUPS) continue;
    let i = 0;
    while (i < run.groups.length) {
      const g = run.groups[i];
      if (g) while (cursor < tokens.length - 1 && (tokens[cursor]?.end ?? 0) <= g.start) cursor++;
      if (g && doc.isClaimed(cursor)) {
        i++;
        continue;
      }
      let next: number | undefined;
      for (const m of MATCHERS) {
        next = m(doc, run, i);
        if (next !== undefined) break;
      }
      i = next !== undefined && next > i ? next : i + 1;
    }
  }
}
