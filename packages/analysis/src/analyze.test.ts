import { describe, expect, it } from 'vitest';
import { analyze, AnalysisInputError, MAX_ANALYZED_CHARS, TOPICS, URGENCY_KINDS } from './index.js';

describe('analyze', () => {
  it('returns the contract shape', () => {
    const a = analyze('The staff were rude and I waited two hours past my appointment time.');
    expect(Object.keys(a).sort()).toEqual([
      'modelVersion',
      'sentiment',
      'topics',
      'truncated',
      'urgency',
    ]);
    expect(a.sentiment.score).toBeGreaterThanOrEqual(-1);
    expect(a.sentiment.score).toBeLessThanOrEqual(1);
    expect(a.modelVersion).toMatch(/^nhs-lr-[0-9a-f]{8}$/);
    for (const t of a.topics) expect(TOPICS).toContain(t);
    expect(a.truncated).toBe(false);
  });

  it.each([
    'Dr. Patel was wonderful, explained everything clearly and the staff were so kind.',
    'Excellent care from start to finish. Thank you to the whole team!',
    'Friendly receptionist, short wait, very happy with my visit.',
  ])('reads praise as positive: %s', (text) => {
    const a = analyze(text);
    expect(a.sentiment.label).toBe('positive');
    expect(a.sentiment.score).toBeGreaterThan(0);
  });

  it.each([
    'The receptionist was rude and nobody called me back about my results.',
    'Waited over two hours, then the doctor rushed me out in five minutes. Terrible.',
    'Worst experience ever, I was ignored and treated with no respect.',
  ])('reads complaints as negative: %s', (text) => {
    const a = analyze(text);
    expect(a.sentiment.label).toBe('negative');
    expect(a.sentiment.score).toBeLessThan(0);
  });

  it('finds the topics a review talks about', () => {
    expect(
      analyze('I waited 90 minutes in the waiting room past my appointment.').topics,
    ).toContain('wait_time');
    expect(analyze('The nurse was rude and dismissive.').topics).toContain('staff_manner');
    expect(analyze('They billed my insurance twice and the copay was wrong.').topics).toContain(
      'billing_insurance',
    );
    expect(analyze('My video visit kept dropping; telehealth here is a mess.').topics).toContain(
      'telehealth',
    );
    expect(analyze('Parking garage is full every morning.').topics).toContain('facilities_parking');
    expect(analyze('The exam room was dirty.').topics).toContain('cleanliness');
    expect(analyze('Nobody explained the plan or returned my calls.').topics).toContain(
      'communication',
    );
    expect(
      analyze('Could not get an appointment for six weeks, booking is impossible.').topics,
    ).toContain('scheduling_access');
  });

  it('lists topics in the canonical order, without duplicates', () => {
    const { topics } = analyze(
      'Dirty waiting room, rude staff, and I waited an hour. Billing overcharged me.',
    );
    expect(topics).toEqual(TOPICS.filter((t) => topics.includes(t)));
    expect(new Set(topics).size).toBe(topics.length);
  });

  it('blends a star rating with the text', () => {
    const text = 'It was fine I suppose.';
    const low = analyze(text, { rating: 1 }).sentiment.score;
    const high = analyze(text, { rating: 5 }).sentiment.score;
    expect(high).toBeGreaterThan(low);
  });

  it('reads a low-rated complaint as negative even when the text alone is bland', () => {
    const a = analyze('They billed my insurance wrong and nobody fixed it.', { rating: 2 });
    expect(a.sentiment.label).toBe('negative');
    expect(analyze('It was okay.', { rating: 3 }).sentiment.label).toBe('neutral');
  });

  it('judges a rating without text by the rating alone, and nothing at all as neutral', () => {
    expect(analyze('', { rating: 1 }).sentiment).toEqual({ score: -1, label: 'negative' });
    expect(analyze('', { rating: 5 }).sentiment).toEqual({ score: 1, label: 'positive' });
    expect(analyze('', { rating: 3 }).sentiment).toEqual({ score: 0, label: 'neutral' });
    const empty = analyze('');
    expect(empty.sentiment).toEqual({ score: 0, label: 'neutral' });
    expect(empty.topics).toEqual([]);
    expect(empty.urgency).toEqual({ level: 'none', reasons: [] });
    expect(analyze('   \n\t ').sentiment.label).toBe('neutral');
    expect(analyze('', { rating: null }).sentiment.label).toBe('neutral');
  });

  it('escalates urgent language and orders reasons by kind', () => {
    const a = analyze('My lawyer will hear about this HIPAA violation. I want to end my life.');
    expect(a.urgency.level).toBe('critical');
    expect(a.urgency.reasons.map((r) => r.kind)).toEqual([
      'self_harm',
      'legal_threat',
      'hipaa_complaint',
    ]);
    const order = a.urgency.reasons.map((r) => URGENCY_KINDS.indexOf(r.kind));
    expect(order).toEqual([...order].sort((x, y) => x - y));
  });

  it('reasons name the rule, never quote the text', () => {
    const text = 'Jane Roe MRN 1234567: I will sue this office.';
    const { reasons } = analyze(text).urgency;
    expect(reasons).toHaveLength(1);
    expect(JSON.stringify(reasons)).not.toContain('Jane');
    expect(JSON.stringify(reasons)).not.toContain('1234567');
  });

  describe('bad input', () => {
    it.each([42, null, undefined, {}, ['text'], Symbol('x'), true])(
      'refuses a non-string text (%s)',
      (value) => {
        expect(() => analyze(value as unknown as string)).toThrow(AnalysisInputError);
      },
    );

    it.each([0, 0.99, 5.01, 6, -1, Number.NaN, Number.POSITIVE_INFINITY, '5', true])(
      'refuses a rating that is not 1–5 (%s)',
      (rating) => {
        expect(() => analyze('ok', { rating: rating as unknown as number })).toThrow(
          /rating must be a number from 1 to 5/,
        );
      },
    );

    it('refuses options that are not an object', () => {
      expect(() => analyze('ok', 5 as unknown as { rating: number })).toThrow(AnalysisInputError);
      expect(() => analyze('ok', [] as unknown as { rating: number })).toThrow(AnalysisInputError);
    });

    it('accepts fractional ratings at the edges', () => {
      expect(analyze('ok', { rating: 1 }).sentiment.score).toBeLessThan(
        analyze('ok', { rating: 4.5 }).sentiment.score,
      );
    });

    it('never echoes the text in an error', () => {
      try {
        analyze('secret patient text', { rating: 9 });
        expect.unreachable();
      } catch (error) {
        expect(String(error)).not.toContain('secret');
      }
    });

    it('analyses only the start of a huge text but still finds urgent language further in', () => {
      const filler = 'The staff were wonderful and kind. '.repeat(3000);
      const huge = `${filler} I am going to kill myself.`;
      expect(huge.length).toBeGreaterThan(MAX_ANALYZED_CHARS);
      const a = analyze(huge);
      expect(a.truncated).toBe(true);
      expect(a.urgency.level).toBe('critical');
      expect(a.sentiment.label).toBe('positive');
    });

    it('handles emoji-only text', () => {
      const a = analyze('😡😡😡');
      expect(['negative', 'neutral', 'positive']).toContain(a.sentiment.label);
      expect(a.urgency.level).toBe('none');
      expect(a.topics).toEqual([]);
      expect(analyze('👍').truncated).toBe(false);
    });

    it('handles lone surrogates and control characters without throwing', () => {
      expect(() => analyze('\uD83D bad \u0000 \uDE00 text \u202E')).not.toThrow();
    });

    it('handles other languages: Spanish urgency is caught, other scripts do not crash', () => {
      expect(
        analyze('Voy a llamar a mi abogado y poner una demanda.').urgency.reasons[0]?.kind,
      ).toBe('legal_threat');
      expect(analyze('No quiero vivir más, quiero suicidarme.').urgency.level).toBe('critical');
      for (const text of ['医生很好，服务很周到。', 'Очень плохой сервис', 'خدمة ممتازة']) {
        const a = analyze(text);
        expect(a.urgency.level).toBe('none');
        expect(Math.abs(a.sentiment.score)).toBeLessThanOrEqual(1);
      }
    });
  });
});
