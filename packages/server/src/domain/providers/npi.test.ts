import { describe, expect, it } from 'vitest';
import { npiCheckDigit, npiProblem } from './npi.js';
import { TAXONOMY_PATTERN, taxonomyName } from './taxonomy.js';

describe('NPI check digit', () => {
  it('accepts the CMS worked example 1234567893', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(npiProblem('1234567893')).toBeNull();
  });

  it('refuses a wrong check digit and names the right one', () => {
    expect(npiProblem('1234567890')).toBe(
      'The check digit does not match: an NPI starting 123456789 ends in 3.',
    );
  });

  it('refuses wrong lengths, letters and a leading digit other than 1 or 2', () => {
    expect(npiProblem('123456789')).toBe('An NPI is exactly ten digits.');
    expect(npiProblem('12345678931')).toBe('An NPI is exactly ten digits.');
    expect(npiProblem('12345A7893')).toBe('An NPI is exactly ten digits.');
    expect(npiProblem(' 1234567893')).toBe('An NPI is exactly ten digits.');
    expect(npiProblem('3234567893')).toMatch(/starts with 1/);
  });

  it('catches every single-digit typo of a valid NPI', () => {
    const valid = '1234567893';
    for (let i = 0; i < 10; i += 1)
      for (let d = 0; d <= 9; d += 1) {
        if (String(d) === valid[i]) continue;
        const typo = valid.slice(0, i) + String(d) + valid.slice(i + 1);
        if (typo[0] !== '1' && typo[0] !== '2') continue;
        expect(npiProblem(typo), typo).not.toBeNull();
      }
  });
});

describe('NUCC taxonomy codes', () => {
  it('knows the shape and the common names', () => {
    expect(TAXONOMY_PATTERN.test('207Q00000X')).toBe(true);
    expect(TAXONOMY_PATTERN.test('363LF0000X')).toBe(true);
    expect(TAXONOMY_PATTERN.test('207Q00000')).toBe(false);
    expect(TAXONOMY_PATTERN.test('207q00000x')).toBe(false);
    expect(taxonomyName('207Q00000X')).toBe('Family Medicine');
    expect(taxonomyName('207QA0000X')).toBe('207QA0000X');
  });
});
