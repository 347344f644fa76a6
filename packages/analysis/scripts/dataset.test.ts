import { describe, expect, it } from 'vitest';
import { loadSentimentExamples, loadTopicExamples, normalizeForSplit, splitOf } from './dataset.js';
import { parseCsv } from './csv.js';

describe('the NHS review data and its split', () => {
  const sentiment = loadSentimentExamples();
  const topics = loadTopicExamples();

  it('reads both files with the expected sizes', () => {
    expect(sentiment.filter((e) => e.source === 'v6').length).toBeGreaterThan(5000);
    expect(sentiment.filter((e) => e.source === 'phase1').length).toBeGreaterThan(9000);
    expect(topics.length).toBeGreaterThan(6000);
    expect(new Set(sentiment.map((e) => e.label))).toEqual(
      new Set(['positive', 'neutral', 'negative']),
    );
  });

  it('splits by text: the same answer never sits in two splits', () => {
    const splits = new Map<string, Set<string>>();
    for (const e of [...sentiment, ...topics]) {
      const key = normalizeForSplit(e.text);
      const set = splits.get(key) ?? new Set();
      set.add(e.split);
      splits.set(key, set);
    }
    for (const set of splits.values()) expect(set.size).toBe(1);
    expect(splitOf('Nothing.')).toBe(splitOf('  NOTHING. '));
  });

  it('holds out about a fifth for test and a tenth for validation', () => {
    const share = (s: string) => sentiment.filter((e) => e.split === s).length / sentiment.length;
    expect(share('test')).toBeGreaterThan(0.15);
    expect(share('test')).toBeLessThan(0.25);
    expect(share('validation')).toBeGreaterThan(0.06);
    expect(share('validation')).toBeLessThan(0.14);
  });

  it('drops unanswered rows', () => {
    expect(sentiment.some((e) => normalizeForSplit(e.text) === 'did not answer')).toBe(false);
    expect(sentiment.some((e) => e.text.trim() === '')).toBe(false);
  });
});

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and embedded newlines', () => {
    expect(parseCsv('a,b\r\n"x, y","he said ""hi"""\n"multi\nline",2')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
      ['multi\nline', '2'],
    ]);
  });
});
