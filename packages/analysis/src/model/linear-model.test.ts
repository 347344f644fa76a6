import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.js';
import { features, hashString } from './features.js';
import { LinearModel, type ModelData } from './linear-model.js';
import { MODEL } from './weights.gen.js';
import { tokenize } from '../text/tokenize.js';

describe('the shipped model', () => {
  it('decodes, with one weight row per kept feature', () => {
    const m = new LinearModel(MODEL);
    expect(m.featureCount).toBeGreaterThan(1000);
    expect(m.heads.slice(0, 3)).toEqual([
      'sentiment:negative',
      'sentiment:neutral',
      'sentiment:positive',
    ]);
    expect(m.logits(features('lovely staff'))).toHaveLength(m.heads.length);
  });

  it('refuses a damaged file', () => {
    const damaged: ModelData = { ...MODEL, weights: MODEL.weights.slice(0, 400) };
    expect(() => new LinearModel(damaged)).toThrow(/damaged/);
    expect(() => new LinearModel({ ...MODEL, keys: '!!!!' })).toThrow(/base64/);
  });

  it('gives unknown features no weight', () => {
    const m = new LinearModel(MODEL);
    expect(Array.from(m.logits([hashString('zzzqqq-not-a-word')]))).toEqual(
      Array.from(m.logits([])),
    );
  });
});

describe('features', () => {
  it('are deterministic and see negation', () => {
    expect(features('Not helpful at all')).toEqual(features('not  HELPFUL at all'));
    expect(features('not helpful')).not.toEqual(features('helpful'));
    expect(hashString('abc')).toBe(hashString('abc'));
  });

  it('tokenize splits contractions, keeps emoji and marks clause ends', () => {
    expect(tokenize("Didn't like it. Won’t return 😡")).toEqual([
      'did',
      'not',
      'like',
      'it',
      '.',
      'will',
      'not',
      'return',
      '😡',
    ]);
    expect(tokenize('')).toEqual([]);
    expect(tokenize('❤️')).toEqual(['❤']);
  });
});

describe('base64', () => {
  it('round-trips every length', () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 0xff);
      expect(Array.from(decodeBase64(encodeBase64(bytes)))).toEqual(Array.from(bytes));
    }
  });
});
