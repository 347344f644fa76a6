import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCorpus, serializeCorpus } from './corpus/generate-corpus.js';
import { cardNumber, vin } from './corpus/identifiers.js';
import { Rng } from './corpus/rng.js';
import { CORPUS_DIR } from './datasets/paths.js';

const corpus = generateCorpus();

function luhnValid(number: string): boolean {
  const digits = number.replace(/\D/g, '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

describe('corpus generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(serializeCorpus(generateCorpus()).jsonl).toBe(serializeCorpus(corpus).jsonl);
    expect(serializeCorpus(generateCorpus(7)).jsonl).not.toBe(serializeCorpus(corpus).jsonl);
  });

  it('matches the committed corpus files (regenerate with corpus/write-corpus.ts)', () => {
    const files = serializeCorpus(corpus);
    expect(readFileSync(`${CORPUS_DIR}corpus.jsonl`, 'utf8')).toBe(files.jsonl);
    // contexts.json is formatted by Prettier on write, so compare its content, not its bytes.
    expect(JSON.parse(readFileSync(`${CORPUS_DIR}contexts.json`, 'utf8'))).toEqual(
      JSON.parse(files.contexts),
    );
    expect(Buffer.byteLength(files.jsonl)).toBeLessThan(5_000_000);
  });

  it('labels spans that are exactly the text they claim, in order and without overlap', () => {
    const problems: string[] = [];
    for (const item of corpus.items) {
      let previousEnd = 0;
      for (const span of item.spans) {
        if (item.text.slice(span.start, span.end) !== span.text) problems.push(`${item.id}: text`);
        if (span.start < previousEnd || span.end <= span.start) problems.push(`${item.id}: order`);
        previousEnd = span.end;
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps document labels consistent with the spans and sub-types', () => {
    const clean = [
      'post.educational',
      'post.event',
      'post.provider-intro',
      'post.staff',
      'post.office',
      'post.long',
      'reply.safe',
      'message.clean',
    ];
    const identified = [
      'post.patient',
      'message.phi',
      'reply.friendly-identifiers',
      'reply.defensive-identifiers',
      'reply.names-reviewer',
    ];
    const problems: string[] = [];
    for (const item of corpus.items) {
      if (clean.includes(item.subtype) && (item.spans.length > 0 || item.should_block))
        problems.push(`${item.id}: clean`);
      if (identified.includes(item.subtype) && (item.spans.length === 0 || !item.should_block))
        problems.push(`${item.id}: identified`);
      if (item.kind === 'reply') {
        if (typeof item.review !== 'string') problems.push(`${item.id}: review`);
        if (
          item.discloses_relationship !==
          !['reply.safe', 'reply.names-reviewer'].includes(item.subtype)
        )
          problems.push(`${item.id}: discloses`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('never labels the practice’s own providers, staff, phones or addresses', () => {
    const problems: string[] = [];
    for (const item of corpus.items) {
      const context = corpus.contexts[item.practice];
      const own = new Set([
        ...(context?.providers ?? []).flatMap((p) => p.name.split(' ')),
        ...(context?.staff ?? []).flatMap((p) => p.name.split(' ')),
        ...(context?.locations ?? []).flatMap((l) => [l.phone, l.fax, l.address]),
      ]);
      for (const span of item.spans)
        if (own.has(span.text)) problems.push(`${item.id}: ${span.text}`);
    }
    expect(problems).toEqual([]);
  });

  it('writes about 15 % of reviews in Spanish and covers every identifier category', () => {
    const reviews = corpus.items.filter((i) => i.kind === 'inbound');
    const share = reviews.filter((i) => i.lang === 'es').length / reviews.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.2);
    const categories = new Set(corpus.items.flatMap((i) => i.spans.map((s) => s.category)));
    expect(categories.size).toBe(17);
  });

  it('makes identifiers that pass their real checks', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 50; i++) expect(luhnValid(cardNumber(rng))).toBe(true);
    const values: Record<string, number> = {
      A: 1,
      B: 2,
      C: 3,
      D: 4,
      E: 5,
      F: 6,
      G: 7,
      H: 8,
      J: 1,
      K: 2,
      L: 3,
      M: 4,
      N: 5,
      P: 7,
      R: 9,
      S: 2,
      T: 3,
      U: 4,
      V: 5,
      W: 6,
      X: 7,
      Y: 8,
      Z: 9,
    };
    const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    for (let i = 0; i < 50; i++) {
      const v = vin(rng);
      const sum = [...v].reduce(
        (acc, c, j) => acc + (/\d/.test(c) ? Number(c) : (values[c] ?? 0)) * (weights[j] ?? 0),
        0,
      );
      expect(v[8]).toBe(sum % 11 === 10 ? 'X' : String(sum % 11));
    }
  });
});
