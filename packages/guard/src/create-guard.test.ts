import { describe, expect, it } from 'vitest';
import { createGuard, GuardInputError, MAX_TEXT_LENGTH } from './index.js';
import { PRACTICE } from './test-support/practice.js';

const guard = createGuard(PRACTICE);

describe('createGuard', () => {
  it('passes empty text', () => {
    expect(guard.check({ text: '', kind: 'post' })).toEqual({ verdict: 'pass', findings: [] });
  });

  it('refuses text over 1 MB with a clear error', () => {
    const text = 'a'.repeat(MAX_TEXT_LENGTH + 1);
    expect(() => guard.check({ text, kind: 'post' })).toThrow(GuardInputError);
    expect(() => guard.check({ text, kind: 'post' })).toThrow(/at most 1048576/);
  });

  it('accepts text of exactly 1 MB', { timeout: 120_000 }, () => {
    expect(() =>
      guard.check({ text: 'a '.repeat(MAX_TEXT_LENGTH / 2), kind: 'post' }),
    ).not.toThrow();
  });

  it('blocks a birthday post naming a patient', () => {
    const r = guard.check({ text: 'Happy 90th, Mr. Kline!', kind: 'post' });
    expect(r.verdict).toBe('block');
    expect(r.findings.map((f) => f.category).sort()).toEqual(['age', 'name']);
  });

  it('passes a clean practice post with providers, address and phone', () => {
    const r = guard.check({
      text: 'Dr. Lee and Tom Becker welcome you to Maple Grove Dental, 1200 Maple Grove Rd, Springfield. Call (217) 555-0100.',
      kind: 'post',
    });
    expect(r.verdict).toBe('pass');
  });

  it('keeps offsets on the right text', () => {
    const text = 'Our patient Maria Gonzalez (DOB 03/14/1951) — call 312-555-0188 😀';
    for (const f of guard.check({ text, kind: 'post' }).findings)
      expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('works without a context', () => {
    expect(createGuard({}).check({ text: 'SSN 123-45-6789', kind: 'post' }).verdict).toBe('block');
  });
});
