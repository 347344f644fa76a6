import { describe, expect, it } from 'vitest';
import { check, flagged, texts } from '../test-support/check.js';

describe('addresses and places', () => {
  it('finds a street address with city, state and ZIP', () => {
    expect(texts('She lives at 24 Clarke Avenue, Apt 3B, Boston, MA 02118', 'geographic')).toEqual([
      '24 Clarke Avenue, Apt 3B, Boston, MA 02118',
    ]);
  });

  it('finds foreign street names and unit lines', () => {
    expect(texts('Friedhofstrasse 33', 'geographic')).toEqual(['Friedhofstrasse 33']);
    expect(texts('send it to PO Box 9168', 'geographic')).toEqual(['PO Box 9168']);
  });

  it('leaves the practice address alone', () => {
    expect(check('Visit us at 1200 Maple Grove Rd, Suite 200, Springfield, IL 62704').verdict).toBe(
      'pass',
    );
  });

  it('applies the three-digit ZIP rule in its fix', () => {
    const zip = check('Austin, TX 78701').findings.find((f) => f.rule === 'phi.zip');
    expect(zip?.fix).toMatchObject({ replacement: '787xx' });
    const small = check('Cheyenne, WY 82190').findings.find((f) => f.rule === 'phi.zip');
    expect(small?.fix).toMatchObject({ replacement: '000' });
  });

  it('ties a city to a patient', () => {
    expect(check('Our patient Maria drove in from Peoria for her implants').verdict).toBe('block');
    expect(texts('Our patient Maria drove in from Peoria', 'geographic')).toEqual(['Peoria']);
  });

  it('only notes a city in a general post', () => {
    expect(check('Proud to sponsor the Peoria 5K this weekend').verdict).toBe('pass');
  });
});

describe('dates and ages', () => {
  it('blocks a date of birth', () => {
    expect(check('DOB 03/14/1951').verdict).toBe('block');
    expect(check('born on March 14, 1951').verdict).toBe('block');
  });

  it('blocks a visit date tied to a patient', () => {
    expect(texts('Maria had her surgery on Oct 3', 'date')).toEqual(['Oct 3']);
    expect(check('Maria had her surgery on Oct 3').verdict).toBe('block');
  });

  it('does not block practice event dates', () => {
    expect(check('Flu clinic on Oct 3 from 9 to 5!').verdict).toBe('pass');
    expect(check('We are closed on 12/25 and 1/1 for the holidays.').verdict).toBe('pass');
  });

  it('catches relative dates tied to a visit', () => {
    expect(texts('Sarah came in for her cleaning last Tuesday', 'date')).toEqual(['last Tuesday']);
    expect(check('we saw you yesterday', { kind: 'reply' }).verdict).toBe('block');
  });

  it('ignores relative days with no person', () => {
    expect(flagged('Open today until 6!')).toEqual([]);
  });

  it('handles Spanish dates', () => {
    expect(texts('su cita del 3 de octubre', 'date', { kind: 'reply' })).toEqual(['3 de octubre']);
  });

  it('blocks ages over 89 and notes younger ones', () => {
    expect(check('Happy 90th birthday!').verdict).toBe('block');
    expect(check('our 94-year-old patient').verdict).toBe('block');
    expect(check('Kids age 5 and up').verdict).toBe('pass');
    expect(check('she was born in 1929').findings.some((f) => f.rule === 'phi.age-over-89')).toBe(
      true,
    );
  });
});
