import { describe, expect, it } from 'vitest';
import { check } from '../test-support/check.js';

const reply = (text: string, review?: string) =>
  check(text, review === undefined ? { kind: 'reply' } : { kind: 'reply', review });

describe('reply disclosure (HIPAA.md §4.1, §4.4) — synthetic paraphrases', () => {
  it.each([
    // Elite Dental: last name plus condition, plan and cost.
    ['Mr. Dalton, your treatment plan and the cost were explained before we started.'],
    // Igbinadolor: visit history, missed appointments, referral.
    [
      'You have only been here twice, the last time as an emergency patient in severe pain. You missed your scheduled appointments after your insurer approved the plan.',
    ],
    ['We referred you to an endodontist for the root canal.'],
    // New Vision Dental: details of visits, treatment and insurance.
    ['Your insurance did not cover the crown, which we told you at your visit.'],
    // Manasa: mental health diagnosis and treatment.
    ['We treated your anxiety with the standard protocol.'],
    // Friendly confirmations are disclosures too.
    ["We're so glad you enjoyed your cleaning with Dr. Lee!"],
    ['Thanks for being a loyal patient for 10 years!'],
    ['We remember your visit and we are sorry you waited.'],
    ['Our records show you arrived 30 minutes late.'],
    ['When you came in, we explained the risks.'],
    ['As your dentist I recommended an extraction.'],
    ['Your balance of $240 is past due and was sent to collections.'],
    ['Lamentamos lo de su cita. Según nuestros registros, usted canceló dos veces.'],
    ['Gracias por ser nuestra paciente.'],
  ])('blocks: %s', (text) => {
    const r = reply(text);
    expect(r.verdict).toBe('block');
    expect(
      r.findings.some((f) => f.category === 'patient_relationship' || f.category === 'name'),
    ).toBe(true);
  });

  it('does not echo what the reviewer disclosed', () => {
    const r = reply(
      'We are sorry about the infection and hope it has cleared.',
      'I got an infection after my extraction',
    );
    expect(r.verdict).toBe('block');
    expect(r.findings.some((f) => f.rule === 'reply.echoes-review')).toBe(true);
  });

  it.each([
    [
      'Thank you for your feedback. We take all concerns seriously; please contact our office at (217) 555-0100 so we can help.',
    ],
    [
      'We appreciate you taking the time to share. Privacy laws prevent us from discussing any individual. Please call us at your convenience.',
    ],
    ['Thank you for the kind words! We look forward to serving our community.'],
    [
      'We are committed to excellent care for everyone. Please reach out to our office manager at (217) 555-0100.',
    ],
    ['Gracias por sus comentarios. Por favor llame a nuestra oficina al (217) 555-0100.'],
  ])('passes a safe generic reply: %s', (text) => {
    expect(reply(text).verdict).toBe('pass');
  });

  it('offers a safe generic reply with the practice phone as the fix', () => {
    const f = reply('Sorry your appointment ran late.').findings.find(
      (x) => x.category === 'patient_relationship',
    );
    expect(f?.fix?.kind).toBe('replace-text');
    expect(f?.fix && 'replacement' in f.fix ? f.fix.replacement : '').toContain('(217) 555-0100');
    const fixed = f?.fix && 'replacement' in f.fix ? f.fix.replacement : '';
    expect(reply(fixed).verdict).toBe('pass');
  });

  it('offers the safe reply in Spanish for Spanish replies', () => {
    const f = reply('Lamentamos que su tratamiento no fue bueno.').findings[0];
    expect(f?.fix && 'replacement' in f.fix ? f.fix.replacement : '').toMatch(/^Gracias/);
  });

  it('warns about insults and legal threats', () => {
    const r = reply('This review is a lie and our lawyer will be in touch.');
    expect(r.findings.map((f) => f.rule)).toContain('reply.tone');
  });

  it('does not run reply rules on posts', () => {
    expect(
      check('Your smile matters! Book your cleaning today.').findings.filter(
        (f) => f.category === 'patient_relationship',
      ),
    ).toEqual([]);
  });
});
