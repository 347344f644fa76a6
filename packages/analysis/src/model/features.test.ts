import { describe, expect, it } from 'vitest';
import { features, featuresOfLowercase, hashString, PREFIX_LENGTH } from './features.js';
import { LinearModel, type ModelData } from './linear-model.js';
import { encodeBase64 } from './base64.js';
import { topicsByRule } from '../topics/topic-rules.js';

function shared(a: string, b: string): number[] {
  const right = new Set(features(b));
  return features(a).filter((f) => right.has(f));
}

describe('prefix features', () => {
  it('give words that share their first five letters a common feature', () => {
    expect(shared('explained', 'explaining')).toHaveLength(1);
    expect(shared('explanation', 'explained')).toHaveLength(1);
    expect(shared('communicated', 'communication')).toHaveLength(1);
    expect(shared('waited', 'explained')).toEqual([]);
  });

  it('are not given for words of five letters or fewer', () => {
    expect('desk'.length).toBeLessThanOrEqual(PREFIX_LENGTH);
    expect(features('desk')).toEqual([hashString('desk')]);
    expect(features('staff')).toEqual([hashString('staff')]);
    expect(features('staffs')).toHaveLength(2);
  });

  it('keep the unigram hash equal to hashString (the single pass changes nothing else)', () => {
    for (const word of ['explained', 'ok', 'communication', 'врачами', 'señora']) {
      expect(features(word)[0]).toBe(hashString(word));
    }
  });

  it('are the same for the lowercased fast path', () => {
    const text = 'The Receptionist EXPLAINED nothing, and we waited.';
    expect(featuresOfLowercase(text.toLowerCase())).toEqual(features(text));
  });
});

describe('features on bad input', () => {
  it('give nothing for empty, blank or punctuation-only text', () => {
    expect(features('')).toEqual([]);
    expect(features('   \n\t ')).toEqual([]);
    expect(features('...!!! ??? ;;')).toEqual([]);
  });

  it('handle a huge text in one pass, linear in its length', () => {
    const sentence = 'The appointment was explained clearly. ';
    const huge = sentence.repeat(50_000); // ~2 MB
    const one = features(sentence).length;
    expect(features(huge)).toHaveLength(one * 50_000);
    const word = 'a'.repeat(1_000_000);
    expect(features(word)).toHaveLength(2);
  });

  it('handle non-Latin scripts deterministically, prefixes by UTF-16 code unit', () => {
    const russian = 'Врач был очень внимательным';
    expect(features(russian)).toEqual(features(russian.toUpperCase()));
    expect(shared('внимательным', 'внимательный')).toHaveLength(1);
    const chinese = '医生很好但是等了很久';
    expect(features(chinese).length).toBeGreaterThan(0);
    expect(features(chinese)).toEqual(features(chinese));
    expect(features('طبيب ممتاز').length).toBeGreaterThan(0);
  });

  it('treat emoji as tokens without prefixes, never splitting a surrogate pair', () => {
    // 😡 is one token (two UTF-16 code units) plus its negative lexicon hit; no prefix feature.
    expect(features('😡')).toHaveLength(2);
    expect(features('😡😡😡')).toHaveLength(3 * 2 + 2);
    const mixed = features('waited🙂forever');
    expect(mixed).toContain(hashString('waited'));
    expect(mixed).toContain(hashString('🙂'));
    expect(() => features('\ud83d lone \ude00 surrogates')).not.toThrow();
  });
});

/** A one-feature model: sentiment heads unnormalised, one topic head. */
function tinyModel(topicLengthNorm: boolean): ModelData {
  const key = new Uint8Array(4);
  new DataView(key.buffer).setUint32(0, hashString('late'), true);
  return {
    version: 'test',
    heads: ['sentiment:negative', 'sentiment:neutral', 'sentiment:positive', 'topic:wait_time'],
    bias: [0, 0, 0, -1],
    scale: [1, 1, 1, 1],
    keys: encodeBase64(key),
    weights: encodeBase64(Uint8Array.from([2, 0, 0, 3])),
    neutralBand: 0,
    topicThresholds: {},
    topicLengthNorm,
  };
}

describe('topic length normalisation', () => {
  const late = hashString('late');
  const other = hashString('other');

  it('divides only the topic heads by √(number of features)', () => {
    const m = new LinearModel(tinyModel(true));
    const z = m.logits([late, other, other, other]); // 4 features → ÷ 2
    expect(Array.from(z)).toEqual([2, 0, 0, -1 + 3 / 2]);
    expect(Array.from(m.logits([late]))).toEqual([2, 0, 0, 2]);
  });

  it('is off unless the model file asks for it', () => {
    const m = new LinearModel(tinyModel(false));
    expect(Array.from(m.logits([late, other, other, other]))).toEqual([2, 0, 0, 2]);
    expect(Array.from(m.logits([]))).toEqual([0, 0, 0, -1]);
  });
});

describe('keyword rules', () => {
  it.each([
    ['They kept me up to date the whole time.', 'communication'],
    ['Clear advice and good information about my medication.', 'communication'],
    ['The nurse talked me through every step.', 'communication'],
    ['Very understanding doctor.', 'communication'],
    ['The ambulance arrived within 10 minutes.', 'wait_time'],
    ['Seen quickly, home in an hour.', 'wait_time'],
    ['It took too long to get results.', 'wait_time'],
  ])('%s → %s', (text, topic) => {
    expect(topicsByRule(text.toLowerCase())).toContain(topic);
  });

  it('match whole words only', () => {
    expect(topicsByRule('the table was cleared')).not.toContain('communication');
    expect(topicsByRule('a fastidious surgeon')).not.toContain('wait_time');
    expect(topicsByRule('')).toEqual(new Set());
  });
});
