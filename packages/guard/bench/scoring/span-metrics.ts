/**
 * Span scoring, identical for every system.
 *
 * Entity level: a labelled span is *found* when at least one predicted identifier span overlaps
 * it by at least one UTF-16 code unit, whatever category the system gave it (a phone number
 * redacted as "digits" is still kept out of the post). The *typed* variant also requires the
 * predicted category to agree (phone and fax count as agreeing). A predicted span is *correct*
 * when it overlaps any scored labelled span; one that overlaps only neutral spans (labelled
 * types that are not HIPAA identifiers, e.g. ORGANIZATION) is left out of precision; any other
 * predicted span is a false positive.
 *
 * Character level: the same, counted over non-whitespace characters.
 */
import type { GoldSpan, HipaaCategory, PredictedSpan } from '../types.js';

export interface SpanCounts {
  goldEntities: number;
  goldFound: number;
  goldFoundTyped: number;
  predEntities: number;
  predCorrect: number;
  predCorrectTyped: number;
  goldChars: number;
  goldCharsFound: number;
  predChars: number;
  predCharsCorrect: number;
}

export type CategoryKey = HipaaCategory | 'all';

export function emptyCounts(): SpanCounts {
  return {
    goldEntities: 0,
    goldFound: 0,
    goldFoundTyped: 0,
    predEntities: 0,
    predCorrect: 0,
    predCorrectTyped: 0,
    goldChars: 0,
    goldCharsFound: 0,
    predChars: 0,
    predCharsCorrect: 0,
  };
}

/** Counts per category (gold category for recall, predicted category for precision) plus `all`. */
export type SpanTally = Map<CategoryKey, SpanCounts>;

export function countsFor(tally: SpanTally, key: CategoryKey): SpanCounts {
  let counts = tally.get(key);
  if (!counts) {
    counts = emptyCounts();
    tally.set(key, counts);
  }
  return counts;
}

export function overlaps(
  a: { start: number; end: number },
  b: { start: number; end: number },
): boolean {
  return a.start < b.end && b.start < a.end;
}

export function compatible(predicted: HipaaCategory, gold: HipaaCategory): boolean {
  if (predicted === gold) return true;
  const phoneLike = (c: HipaaCategory) => c === 'phone' || c === 'fax';
  return phoneLike(predicted) && phoneLike(gold);
}

function charMask(
  length: number,
  spans: ReadonlyArray<{ start: number; end: number }>,
): Uint8Array {
  const mask = new Uint8Array(length);
  for (const s of spans) mask.fill(1, Math.max(0, s.start), Math.min(length, s.end));
  return mask;
}

/** Adds one document's entity- and character-level counts to `tally`. */
export function scoreSpans(
  {
    text,
    gold,
    predicted,
  }: { text: string; gold: readonly GoldSpan[]; predicted: readonly PredictedSpan[] },
  tally: SpanTally,
): void {
  const scored = gold.filter(
    (g): g is GoldSpan & { category: HipaaCategory } => g.category !== null,
  );
  const neutral = gold.filter((g) => g.category === null);

  for (const g of scored) {
    const hits = predicted.filter((p) => overlaps(p, g));
    const typed = hits.some((p) => compatible(p.category, g.category));
    for (const key of [g.category, 'all'] as const) {
      const c = countsFor(tally, key);
      c.goldEntities += 1;
      if (hits.length > 0) c.goldFound += 1;
      if (typed) c.goldFoundTyped += 1;
    }
  }
  for (const p of predicted) {
    const hits = scored.filter((g) => overlaps(p, g));
    if (hits.length === 0 && neutral.some((g) => overlaps(p, g))) continue;
    const typed = hits.some((g) => compatible(p.category, g.category));
    for (const key of [p.category, 'all'] as const) {
      const c = countsFor(tally, key);
      c.predEntities += 1;
      if (hits.length > 0) c.predCorrect += 1;
      if (typed) c.predCorrectTyped += 1;
    }
  }

  const n = text.length;
  const goldMask = charMask(n, scored);
  const neutralMask = charMask(n, neutral);
  const predMask = charMask(n, predicted);
  const countable = (i: number) => !/\s/.test(text[i] ?? ' ');
  const addGoldChars = (c: SpanCounts, mask: Uint8Array) => {
    for (let i = 0; i < n; i++) {
      if (!mask[i] || !countable(i)) continue;
      c.goldChars += 1;
      if (predMask[i]) c.goldCharsFound += 1;
    }
  };
  for (const category of new Set(scored.map((g) => g.category))) {
    addGoldChars(
      countsFor(tally, category),
      charMask(
        n,
        scored.filter((g) => g.category === category),
      ),
    );
  }
  if (scored.length > 0) addGoldChars(countsFor(tally, 'all'), goldMask);
  const predCategories = new Set(predicted.map((p) => p.category));
  for (const category of predCategories) {
    const mask = charMask(
      n,
      predicted.filter((p) => p.category === category),
    );
    const c = countsFor(tally, category);
    for (let i = 0; i < n; i++) {
      if (!mask[i] || !countable(i) || (neutralMask[i] && !goldMask[i])) continue;
      c.predChars += 1;
      if (goldMask[i]) c.predCharsCorrect += 1;
    }
  }
  const all = countsFor(tally, 'all');
  for (let i = 0; i < n; i++) {
    if (!predMask[i] || !countable(i) || (neutralMask[i] && !goldMask[i])) continue;
    all.predChars += 1;
    if (goldMask[i]) all.predCharsCorrect += 1;
  }
}

/** A ratio, or null when the denominator is zero (shown as "—"). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export interface SpanRates {
  entityRecall: number | null;
  entityRecallTyped: number | null;
  entityPrecision: number | null;
  entityPrecisionTyped: number | null;
  charRecall: number | null;
  charPrecision: number | null;
  goldEntities: number;
  predEntities: number;
}

export function rates(c: SpanCounts): SpanRates {
  return {
    entityRecall: ratio(c.goldFound, c.goldEntities),
    entityRecallTyped: ratio(c.goldFoundTyped, c.goldEntities),
    entityPrecision: ratio(c.predCorrect, c.predEntities),
    entityPrecisionTyped: ratio(c.predCorrectTyped, c.predEntities),
    charRecall: ratio(c.goldCharsFound, c.goldChars),
    charPrecision: ratio(c.predCharsCorrect, c.predChars),
    goldEntities: c.goldEntities,
    predEntities: c.predEntities,
  };
}
