import { describe, expect, it } from 'vitest';
import type { UrgencyKind } from '../types.js';
import { detectUrgency } from './urgency.js';

const kinds = (text: string): UrgencyKind[] =>
  detectUrgency(text.toLowerCase()).reasons.map((r) => r.kind);

describe('detectUrgency', () => {
  it.each([
    ['I am contacting my attorney about this.', 'legal_threat'],
    ['We will be suing the practice.', 'legal_threat'],
    ['Expect a lawsuit.', 'legal_threat'],
    ['See you in court.', 'legal_threat'],
    ['I reported the doctor to the state medical board.', 'legal_threat'],
    ['This is a HIPAA violation!', 'hipaa_complaint'],
    ['Total hippa breach', 'hipaa_complaint'],
    [
      'The receptionist discussed my diagnosis in front of everyone — privacy violation.',
      'hipaa_complaint',
    ],
    ['They shared my medical records with my employer.', 'hipaa_complaint'],
    ['Filing a complaint with the Office for Civil Rights.', 'hipaa_complaint'],
    ['They gave me the wrong medication.', 'safety'],
    ['Filthy, unsterile instruments. Dangerous place.', 'safety'],
    ['The doctor touched me inappropriately.', 'safety'],
    ['My mother was left alone for six hours after surgery', 'safety'],
    ['The nurse seemed drunk.', 'safety'],
    ['I had to call 911 from the waiting room.', 'emergency'],
    ["I can't breathe and nobody will see me.", 'emergency'],
    ['Having chest pain right now and they sent me home', 'emergency'],
    ['She had a seizure in the lobby.', 'emergency'],
    ['I ended up in the ER the next day.', 'emergency'],
    ['I want to kill myself.', 'self_harm'],
    ['Thinking about suicide since the diagnosis.', 'self_harm'],
    ["I don't want to live like this anymore.", 'self_harm'],
    ['I have been self-harming again.', 'self_harm'],
  ] as const)('%s → %s', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    'I waited forever but the staff were lovely.',
    'Great dentist, clean office, easy parking.',
    'The billing department answered all my questions.',
    'Booked an emergency appointment for my tooth; seen the same day.',
    'I feel much better after the treatment.',
    'The lawn outside could use some care.',
    'Sue at the front desk was very helpful.',
    'Call 9112345 to book.',
    'My husband had a great experience with Dr. Kim.',
  ])('does not escalate ordinary reviews: %s', (text) => {
    expect(detectUrgency(text.toLowerCase())).toEqual({ level: 'none', reasons: [] });
  });

  it('gives one reason per kind, the first cue that matched', () => {
    const u = detectUrgency('my lawyer will file a lawsuit, my attorney agrees');
    expect(u.reasons).toEqual([{ kind: 'legal_threat', cue: 'lawyer or attorney' }]);
  });

  it('levels: danger to a person is critical, the rest high', () => {
    expect(detectUrgency('i will sue').level).toBe('high');
    expect(detectUrgency('hipaa').level).toBe('high');
    expect(detectUrgency('wrong dose given').level).toBe('high');
    expect(detectUrgency('call 911').level).toBe('critical');
    expect(detectUrgency('i want to die').level).toBe('critical');
  });
});
