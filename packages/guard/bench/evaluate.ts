/**
 * Runs one system over one data set and tallies everything the report needs. The same code
 * path, data and matching are used for every system.
 */
import type { GuardContext } from '../src/types.js';
import type { CorpusSlices } from './scoring/document-metrics.js';
import { addToSlices, emptySlices } from './scoring/document-metrics.js';
import type { SpanTally } from './scoring/span-metrics.js';
import { overlaps, scoreSpans } from './scoring/span-metrics.js';
import type { BenchSystem } from './systems/system.js';
import type { BenchDoc, Prediction } from './types.js';

export interface Miss {
  id: string;
  category: string;
  text: string;
}

export interface DatasetEvaluation {
  tally: SpanTally;
  /** Every labelled type of the data set, scored or neutral: labelled spans and how many were overlapped. */
  bySourceType: Map<string, { total: number; found: number }>;
  slices: CorpusSlices;
  /** Documents where the system threw; scored as an empty prediction. */
  errors: Array<{ id: string; message: string }>;
  /** A sample of missed labelled spans (at most `missSample` per category). */
  misses: Miss[];
  /** A sample of predicted spans that hit no labelled span. */
  falsePositives: Miss[];
}

const EMPTY: Prediction = { spans: [], block: false };

export function evaluate(
  system: BenchSystem,
  docs: readonly BenchDoc[],
  options: { contexts: readonly GuardContext[]; missSample?: number },
): DatasetEvaluation {
  const result: DatasetEvaluation = {
    tally: new Map(),
    bySourceType: new Map(),
    slices: emptySlices(),
    errors: [],
    misses: [],
    falsePositives: [],
  };
  const sample = options.missSample ?? 15;
  const missCount = new Map<string, number>();
  const fpCount = new Map<string, number>();
  for (const doc of docs) {
    let prediction = EMPTY;
    try {
      prediction = system.predict(doc, options.contexts[doc.practice] ?? {});
    } catch (error) {
      result.errors.push({
        id: doc.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
    scoreSpans({ text: doc.text, gold: doc.spans, predicted: prediction.spans }, result.tally);
    addToSlices(result.slices, doc, prediction);
    for (const g of doc.spans) {
      const found = prediction.spans.some((p) => overlaps(p, g));
      const entry = result.bySourceType.get(g.sourceType) ?? { total: 0, found: 0 };
      entry.total += 1;
      if (found) entry.found += 1;
      result.bySourceType.set(g.sourceType, entry);
      if (!found && g.category !== null && (missCount.get(g.category) ?? 0) < sample) {
        missCount.set(g.category, (missCount.get(g.category) ?? 0) + 1);
        result.misses.push({ id: doc.id, category: g.category, text: g.text });
      }
    }
    for (const p of prediction.spans) {
      if (doc.spans.some((g) => overlaps(p, g)) || (fpCount.get(p.category) ?? 0) >= sample)
        continue;
      fpCount.set(p.category, (fpCount.get(p.category) ?? 0) + 1);
      result.falsePositives.push({
        id: doc.id,
        category: `${p.category} (${p.sourceType})`,
        text: doc.text.slice(p.start, p.end),
      });
    }
  }
  return result;
}
