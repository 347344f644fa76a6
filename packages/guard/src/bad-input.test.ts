import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createGuard, GuardInputError, MAX_TEXT_LENGTH, type CheckKind } from './index.js';
import { PRACTICE } from './test-support/practice.js';
import { check } from './test-support/check.js';

const guard = createGuard(PRACTICE);
const KINDS: CheckKind[] = ['post', 'reply', 'message', 'inbound'];

function assertWellFormed(text: string, kind: CheckKind): void {
  const r = guard.check({ text, kind, review: text.slice(0, 50), network: 'x' });
  expect(['block', 'review', 'pass']).toContain(r.verdict);
  for (const f of r.findings) {
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeGreaterThanOrEqual(f.start);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(f.message.length).toBeGreaterThan(0);
  }
}

describe('bad input', () => {
  it('rejects non-strings and unknown kinds with GuardInputError', () => {
    expect(() => guard.check({ text: 42 as unknown as string, kind: 'post' })).toThrow(
      GuardInputError,
    );
    expect(() => guard.check({ text: 'hi', kind: 'tweet' as CheckKind })).toThrow(GuardInputError);
  });

  it('never echoes the text in its error', () => {
    const text = `SSN 123-45-6789 ${'x'.repeat(MAX_TEXT_LENGTH)}`;
    expect(() => guard.check({ text, kind: 'post' })).toThrow(/^(?!.*123-45-6789)/s);
  });

  it.each([
    ['lone surrogates', 'Call \uD83D Maria \uDE00 at 312-555-0188 \uD800'],
    [
      'HTML',
      '<p>Our patient <b>Maria Gonzalez</b> &amp; <a href="mailto:maria@example.com">email</a></p>',
    ],
    ['emoji and ZWJ', '👩‍👩‍👧‍👦 Happy 90th, Mr. Kline! 🎉🎂 call 312-555-0188 👍🏽'],
    ['right-to-left', 'مرحبا Maria Gonzalez \u202Eשלום\u202C 312-555-0188'],
    ['mixed scripts', 'Мария Гонсалес 日本語 Maria 312-555-0188 ΑΒΓ'],
    ['combining marks', 'Jose\u0301 Garci\u0301a, DOB 03/14/1951'],
    ['control characters', 'Maria\u0000Gonzalez\u0007 312-555-0188\r\n'],
  ])('keeps offsets right with %s', (_name, text) => {
    for (const kind of KINDS) assertWellFormed(text, kind);
  });

  it('still finds PHI inside HTML and next to emoji', () => {
    expect(check('<p>Our patient <b>Maria Gonzalez</b></p>').findings.map((f) => f.text)).toContain(
      'Maria Gonzalez',
    );
    expect(check('🎉 SSN 123-45-6789 🎉').findings.map((f) => f.text)).toContain('123-45-6789');
  });

  it('never throws on arbitrary strings, and offsets always point at the finding text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.constantFrom(...KINDS),
        (text, kind) => {
          assertWellFormed(text, kind);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on identifier-like noise', () => {
    const pieces = [
      'Mr.',
      'Maria',
      ' ',
      '-',
      '.',
      '@',
      '1',
      '555',
      '(',
      ')',
      '/',
      ':',
      'a',
      'Apt',
      '#',
      'https://',
      'x.com/',
      '\n',
      'é',
      '👍',
      'DOB',
      'MRN',
      'your',
      'visit',
      'ü',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 80 }),
        fc.constantFrom(...KINDS),
        (parts, kind) => {
          assertWellFormed(parts.join(''), kind);
        },
      ),
      { numRuns: 400 },
    );
  }, 30_000);
});

describe('linear time on adversarial input', () => {
  const MB = 1_000_000;
  it.each([
    ['digits', '1'.repeat(MB)],
    ['a@', 'a@'.repeat(MB / 2)],
    ['dots', '.'.repeat(MB)],
    ['1-', '1-'.repeat(MB / 2)],
    ['capitalised words', 'Abc '.repeat(MB / 4)],
    ['colons', '1:'.repeat(MB / 2)],
    ['mixed', 'Mr. Kline 555-123-4567 a@b.co 1.2.3.4 Apt 5 your visit '.repeat(MB / 54)],
  ])(
    'checks 1 MB of %s',
    (_name, text) => {
      // Speed is the benchmark's business (1 s per MB, growth 1 MB / 100 KB ≤ 15): here 1 MB of each
      // shape must finish at all, with offsets that still point at the text.
      const r = guard.check({ text, kind: 'reply', network: 'x' });
      for (const f of r.findings.slice(0, 50)) expect(text.slice(f.start, f.end)).toBe(f.text);
    },
    120_000,
  );
});
