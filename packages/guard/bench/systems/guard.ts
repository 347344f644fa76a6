/**
 * Bedside's guard, imported from `../src/index.js`. `BEDSIDE_BENCH_GUARD` may point at another
 * module exporting `createGuard` (used only while developing the harness before the library landed).
 */
import type { CheckKind, CheckResult, Guard, GuardContext } from '../../src/types.js';
import type { BenchDoc, Prediction, PredictedSpan } from '../types.js';
import { isHipaaCategory } from '../types.js';
import type { BenchSystem } from './system.js';

interface GuardModule {
  createGuard(context: GuardContext): Guard;
}

/** Documents where a finding's `text` differed from `text.slice(start, end)` or fell outside the input. */
export const guardOffsetMismatches: string[] = [];

/**
 * Guard findings that count as predicted identifier spans: a HIPAA category, a non-empty span, and
 * severity `block` or `warn`. For `inbound` items (a review the practice received) the guard reports
 * every identifier at `info` by design, since nothing is published, so there every severity counts.
 */
export function guardSpans(
  result: CheckResult,
  doc: { text: string; kind: CheckKind; id?: string },
): PredictedSpan[] {
  const { text } = doc;
  const docId = doc.id ?? '';
  const spans: PredictedSpan[] = [];
  for (const f of result.findings) {
    if (
      f.end > f.start &&
      (f.start < 0 || f.end > text.length || text.slice(f.start, f.end) !== f.text)
    ) {
      guardOffsetMismatches.push(docId);
    }
    if (!isHipaaCategory(f.category) || f.end <= f.start) continue;
    if (f.severity === 'info' && doc.kind !== 'inbound') continue;
    spans.push({ start: f.start, end: f.end, category: f.category, sourceType: f.rule });
  }
  return spans;
}

export async function createGuardSystem(): Promise<BenchSystem> {
  const specifier = process.env.BEDSIDE_BENCH_GUARD ?? '../../src/index.js';
  const mod = (await import(specifier)) as GuardModule;
  const guards = new WeakMap<GuardContext, Guard>();
  const guardFor = (context: GuardContext): Guard => {
    let guard = guards.get(context);
    if (!guard) {
      guard = mod.createGuard(context);
      guards.set(context, guard);
    }
    return guard;
  };
  return {
    id: 'guard',
    label: '@bedside/guard (this repository)',
    predict(doc: BenchDoc, context: GuardContext): Prediction {
      const input: { text: string; kind: CheckKind; review?: string } = {
        text: doc.text,
        kind: doc.kind,
      };
      if (doc.review !== undefined) input.review = doc.review;
      const result = guardFor(context).check(input);
      return {
        spans: guardSpans(result, doc),
        block: result.verdict === 'block',
        verdict: result.verdict,
        rules: result.findings.filter((f) => f.severity !== 'info').map((f) => f.rule),
      };
    },
    run(text: string, context: GuardContext): void {
      guardFor(context).check({ text, kind: 'post' });
    },
  };
}
