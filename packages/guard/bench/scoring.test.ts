import { SyncRedactor } from 'redact-pii';
import { describe, expect, it } from 'vitest';
import { presidioCategory } from './datasets/presidio.js';
import { parseConll, sentenceToDoc } from './datasets/social-ner.js';
import { percentile } from './perf/timing.js';
import { addToSlices, docRates, emptySlices } from './scoring/document-metrics.js';
import type { SpanTally } from './scoring/span-metrics.js';
import { rates, scoreSpans } from './scoring/span-metrics.js';
import { guardOffsetMismatches, guardSpans } from './systems/guard.js';
import { traceRedactPii } from './systems/redact-pii.js';
import type { CheckResult, Finding } from '../src/types.js';
import type { BenchDoc, GoldSpan, PredictedSpan } from './types.js';

const gold = (start: number, end: number, category: GoldSpan['category']): GoldSpan => ({
  start,
  end,
  category,
  sourceType: String(category),
  text: '',
});
const pred = (start: number, end: number, category: PredictedSpan['category']): PredictedSpan => ({
  start,
  end,
  category,
  sourceType: category,
});

function score(text: string, g: GoldSpan[], p: PredictedSpan[]): SpanTally {
  const tally: SpanTally = new Map();
  scoreSpans({ text, gold: g, predicted: p }, tally);
  return tally;
}

describe('span scoring', () => {
  //            0123456789012345678901234567890
  const text = 'Call Ann Lee at 555-0100 today';
  const labels = [gold(5, 12, 'name'), gold(16, 24, 'phone')];

  it('counts an overlap of one code unit as found, whatever the predicted category', () => {
    const t = score(text, labels, [pred(9, 10, 'other_identifier'), pred(16, 24, 'phone')]);
    expect(rates(t.get('name')!).entityRecall).toBe(1);
    expect(rates(t.get('name')!).entityRecallTyped).toBe(0);
    expect(rates(t.get('all')!).entityRecall).toBe(1);
    expect(rates(t.get('all')!).entityPrecision).toBe(1);
  });

  it('does not count touching spans as overlapping', () => {
    const t = score(text, labels, [pred(0, 5, 'name'), pred(12, 16, 'phone')]);
    expect(rates(t.get('all')!).entityRecall).toBe(0);
    expect(rates(t.get('all')!).entityPrecision).toBe(0);
  });

  it('counts misses and false positives', () => {
    const t = score(text, labels, [pred(0, 4, 'name')]);
    const all = rates(t.get('all')!);
    expect(all.entityRecall).toBe(0);
    expect(all.entityPrecision).toBe(0);
    expect(rates(t.get('phone')!).entityRecall).toBe(0);
  });

  it('counts characters without whitespace', () => {
    // Predicts "Ann" only: 3 of the 6 non-space characters of "Ann Lee"; plus "Call" (4 false characters).
    const t = score(text, labels, [pred(5, 8, 'name'), pred(0, 4, 'name')]);
    const name = rates(t.get('name')!);
    expect(name.charRecall).toBeCloseTo(3 / 6);
    expect(name.charPrecision).toBeCloseTo(3 / 7);
    expect(rates(t.get('all')!).charRecall).toBeCloseTo(3 / 14);
  });

  it('leaves predictions on neutral spans out of precision, and neutral spans out of recall', () => {
    const t = score(
      'Acme Corp hired Ann',
      [gold(0, 9, null), gold(16, 19, 'name')],
      [pred(0, 4, 'name'), pred(16, 19, 'name')],
    );
    const all = rates(t.get('all')!);
    expect(all.goldEntities).toBe(1);
    expect(all.predEntities).toBe(1);
    expect(all.entityPrecision).toBe(1);
    expect(all.charPrecision).toBe(1);
  });

  it('treats phone and fax as agreeing categories in the typed variant', () => {
    const t = score('fax 555-0100', [gold(4, 12, 'fax')], [pred(4, 12, 'phone')]);
    expect(rates(t.get('fax')!).entityRecallTyped).toBe(1);
  });
});

describe('document scoring', () => {
  const doc = (over: Partial<BenchDoc>): BenchDoc => ({
    id: 'd',
    text: 'x',
    kind: 'reply',
    practice: 0,
    spans: [],
    ...over,
  });

  it('fills the clean-post, disclosure and safe-reply slices', () => {
    const slices = emptySlices();
    addToSlices(slices, doc({ kind: 'post', shouldBlock: false, subtype: 'post.event' }), {
      spans: [],
      block: true,
    });
    addToSlices(
      slices,
      doc({ shouldBlock: true, disclosesRelationship: true, subtype: 'reply.friendly' }),
      { spans: [], block: false },
    );
    addToSlices(
      slices,
      doc({ shouldBlock: true, disclosesRelationship: true, subtype: 'reply.friendly' }),
      { spans: [], block: true },
    );
    addToSlices(
      slices,
      doc({ shouldBlock: false, disclosesRelationship: false, subtype: 'reply.safe' }),
      { spans: [], block: false, verdict: 'review' },
    );
    addToSlices(slices, doc({ kind: 'inbound', shouldBlock: true, subtype: 'review.negative' }), {
      spans: [],
      block: true,
    });
    expect(docRates(slices.cleanPosts).blockRate).toBe(1);
    expect(docRates(slices.disclosingReplies).blockRecall).toBe(0.5);
    expect(docRates(slices.safeReplies).blockRate).toBe(0);
    expect(docRates(slices.safeReplies).reviewRate).toBe(1);
    expect(docRates(slices.outgoing).documents).toBe(4);
    expect(docRates(slices.outgoing).accuracy).toBe(0.5);
    expect(slices.bySubtype.has('review.negative')).toBe(false);
  });
});

describe('guard findings as spans', () => {
  const finding = (over: Partial<Finding>): Finding => ({
    rule: 'phi.phone',
    category: 'phone',
    start: 5,
    end: 13,
    text: '555-0100',
    severity: 'block',
    message: '',
    ...over,
  });
  const text = 'Call 555-0100 now';

  it('keeps block and warn identifier findings, drops info (except inbound) and non-identifier categories', () => {
    const result: CheckResult = {
      verdict: 'block',
      findings: [
        finding({}),
        finding({ severity: 'info', rule: 'phi.own-phone' }),
        finding({ category: 'patient_relationship', start: 0, end: 0, text: '' }),
      ],
    };
    expect(guardSpans(result, { text, kind: 'post' }).map((s) => s.sourceType)).toEqual([
      'phi.phone',
    ]);
    expect(guardSpans(result, { text, kind: 'inbound' })).toHaveLength(2);
  });

  it('records findings whose text is not the input at their offsets', () => {
    const before = guardOffsetMismatches.length;
    guardSpans(
      { verdict: 'block', findings: [finding({ start: 4 })] },
      { text, kind: 'post', id: 'bad-offset' },
    );
    expect(guardOffsetMismatches.slice(before)).toEqual(['bad-offset']);
  });
});

describe('peer span recovery', () => {
  it('maps redact-pii tokens back to the input and reproduces its output exactly', () => {
    const text = 'Hi David Johnson, call me at 415-555-0132 or mail dj@example.com. Thanks, Maria.';
    const traced = traceRedactPii(text);
    expect(traced.redacted).toBe(new SyncRedactor().redact(text));
    const found = traced.spans.map((s) => [text.slice(s.start, s.end), s.category]);
    expect(found).toContainEqual(['415-555-0132', 'phone']);
    expect(found).toContainEqual(['dj@example.com', 'email']);
    expect(found.some(([t, c]) => c === 'name' && t?.includes('David'))).toBe(true);
  });
});

describe('data set readers', () => {
  it('rebuilds tweets from CoNLL, joining @-mentions into one entity', () => {
    const [tokens] = parseConll(
      '@\tB-PER\ncolgo\tB-PER\nvisited\tO\nNew\tB-LOC\nYork\tI-LOC\n!\tO\n',
    );
    const d = sentenceToDoc(tokens ?? [], 't');
    expect(d.text).toBe('@colgo visited New York!');
    expect(d.spans.map((s) => [s.text, s.category])).toEqual([
      ['@colgo', 'name'],
      ['New York', 'geographic'],
    ]);
  });

  it('maps presidio labels to HIPAA categories, keeping years and ages ≤ 89 neutral', () => {
    expect(presidioCategory('PERSON', 'Ann')).toBe('name');
    expect(presidioCategory('AGE', '89')).toBeNull();
    expect(presidioCategory('AGE', '91')).toBe('age');
    expect(presidioCategory('DATE_TIME', '1977')).toBeNull();
    expect(presidioCategory('DATE_TIME', '2/8/1935')).toBe('date');
    expect(presidioCategory('ORGANIZATION', 'Acme')).toBeNull();
  });

  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
  });
});
