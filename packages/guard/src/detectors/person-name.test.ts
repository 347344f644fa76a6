import { describe, expect, it } from 'vitest';
import { check, texts } from '../test-support/check.js';

describe('person names', () => {
  it.each([
    ['Happy 90th, Mr. Kline!', 'Kline'],
    ['Our patient Maria did great today', 'Maria'],
    ['Thank you Sarah for the lovely card', 'Sarah'],
    ['Congratulations to Jamal Okafor on finishing treatment', 'Jamal Okafor'],
    ["So proud of Mr. Kline's new smile", "Kline's"],
    ['Welcome back, Sra. Rodríguez', 'Rodríguez'],
    ['Felicidades a nuestra paciente Lucía Fernández', 'Lucía Fernández'],
  ])('blocks a patient named with a cue: %s', (text, name) => {
    expect(texts(text, 'name')).toContain(name);
    expect(check(text).verdict).toBe('block');
  });

  it('finds a name without cues as a warning in a post', () => {
    const r = check('Krisztián Szöllösy listed his top 20 songs');
    expect(r.findings.map((f) => f.text)).toContain('Krisztián Szöllösy');
    expect(r.verdict).toBe('review');
  });

  it('finds names with initials and particles', () => {
    expect(texts('Iva D. Grusová will speak', 'name')).toEqual(['Iva D. Grusová']);
    expect(texts('Willemine ten Pas will be talking', 'name')).toEqual(['Willemine ten Pas']);
  });

  it('finds names in all-lowercase text', () => {
    expect(texts('eva kleist lives at the corner', 'name')).toEqual(['eva kleist']);
  });

  it('does not flag the practice providers and staff', () => {
    expect(
      check(
        'Dr. Lee and Dr. Whitfield are joined by Tom Becker and Jessica Alvarez at the front desk.',
      ).verdict,
    ).toBe('pass');
    expect(check("Dr. Ana Lee's tip of the week: floss daily.").verdict).toBe('pass');
  });

  it('warns about a clinician not on the provider list', () => {
    const r = check('Dr. Smithers will cover on Friday');
    expect(r.findings.find((f) => f.category === 'name')?.severity).toBe('warn');
  });

  it('does not flag common capitalised words, months, brands or organisations', () => {
    expect(
      check(
        'Flu Shot Clinic this Saturday! We accept Medicare and most insurance.',
      ).findings.filter((f) => f.category === 'name'),
    ).toEqual([]);
    expect(
      check('Invisalign consultations are free in March.').findings.filter(
        (f) => f.category === 'name',
      ),
    ).toEqual([]);
    expect(
      check('Will you join us? Grace and kindness matter.').findings.filter(
        (f) => f.category === 'name',
      ),
    ).toEqual([]);
    expect(texts('He works at Allstate Insurance Group', 'name')).toEqual([]);
  });

  it('prefers a place after "in"', () => {
    expect(texts('Our new office in Austin opens soon', 'name')).toEqual([]);
  });

  it('blocks names in replies', () => {
    expect(check('Hi Karen, thanks for the feedback.', { kind: 'reply' }).verdict).toBe('block');
  });

  it('only notes names in inbound reviews', () => {
    expect(check('Dr. Lee was great with my son Mateo', { kind: 'inbound' }).verdict).toBe('pass');
  });

  it('honours the practice allow list', () => {
    expect(texts('Join the Smile Squad today', 'name')).toEqual([]);
  });
});
