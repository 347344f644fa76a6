import { describe, expect, it } from 'vitest';
import { findNumericRuns, MAX_RUN_GROUPS } from './numeric-runs.js';
import { tokenize } from './tokenize.js';
import { check, texts } from '../test-support/check.js';
import { MAX_FINDINGS } from '../engine/document.js';

describe('linear scans on adversarial input', () => {
  it('keeps at most one group past the cap of a very long numeric run', () => {
    const runs = findNumericRuns('1-'.repeat(5000));
    expect(runs).toHaveLength(1);
    expect(runs[0]?.groups).toHaveLength(MAX_RUN_GROUPS + 1);
  });

  it('still finds a real run after a long one', () => {
    const runs = findNumericRuns(`${'1-'.repeat(100)} call 312-555-0188`);
    expect(runs.at(-1)?.groups.map((g) => g.digits)).toEqual(['312', '555', '0188']);
  });

  it('reads an @ with no dot after it as no e-mail, and one with a dot as an e-mail', () => {
    expect(texts('a@a@a@a@a', 'email')).toEqual([]);
    expect(texts('write to maria.g@gmail.com today', 'email')).toEqual(['maria.g@gmail.com']);
  });

  it('stores tokens with derived end and flags', () => {
    const [first, , second, , third] = tokenize('NASA met\nMaria');
    expect(first).toMatchObject({
      text: 'NASA',
      start: 0,
      end: 4,
      cap: true,
      allCaps: true,
      sentenceStart: true,
    });
    expect(second).toMatchObject({
      text: 'met',
      end: 8,
      cap: false,
      allCaps: false,
      sentenceStart: false,
    });
    expect(third).toMatchObject({ text: 'Maria', cap: true, allCaps: false, sentenceStart: true });
    expect(tokenize('a \n b')[1]?.newline).toBe(true);
  });

  it('lowercases and tests case in the same pass that reads the word', () => {
    const words = tokenize("maria MARIA Maria's ÉCOLE école O’BRIEN r2d2 Ñandú x")
      .filter((t) => t.kind !== 'space')
      .map((t) => [t.text, t.norm, t.allCaps]);
    expect(words).toEqual([
      ['maria', 'maria', false],
      ['MARIA', 'maria', true],
      ["Maria's", 'maria', false],
      ['ÉCOLE', 'école', true],
      ['école', 'école', false],
      ['O’BRIEN', 'o’brien', true],
      ['r2d2', 'r2d2', false],
      ['Ñandú', 'ñandú', false],
      ['x', 'x', false],
    ]);
    // NFC: a decomposed "é" (e + combining acute) normalises like the precomposed one.
    expect(tokenize('Cafe\u0301')[0]?.norm).toBe('café');
  });

  it('finds a phone number with the longest grouping libphonenumber-js accepts', () => {
    expect(texts('call +41 (0)96 471 07 95 today', 'phone')).toEqual(['+41 (0)96 471 07 95']);
    expect(texts('mobile +44 20 7946 0958', 'phone')).toEqual(['+44 20 7946 0958']);
  });

  it('stops adding findings at the cap and says so, whichever detector reaches it', () => {
    for (const unit of [
      'acct 1234567 ',
      'born 3/14/2024; ',
      'x@maria.com ',
      'ZIP 60601 ',
      'card 4111 1111 1111 1111; ',
    ]) {
      const r = check(unit.repeat(MAX_FINDINGS + 50));
      expect(r.verdict).toBe('block');
      expect(r.findings.length).toBeLessThanOrEqual(MAX_FINDINGS + 1);
      expect(r.findings.filter((f) => f.rule === 'guard.too-many-findings')).toHaveLength(1);
    }
    const under = check('acct 1234567 '.repeat(10));
    expect(under.findings.some((f) => f.rule === 'guard.too-many-findings')).toBe(false);
  });
});
