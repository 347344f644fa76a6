import { describe, expect, it } from 'vitest';
import { trainLogistic, type Encoded } from './logistic.js';

const settings = { epochs: 20, learningRate: 0.2, l2: 1e-6, seed: 1 } as const;

function probability(m: { w: Float64Array; b: Float64Array }, x: Encoded): number {
  let s = 0;
  for (const f of x.features) s += m.w[f]!;
  return 1 / (1 + Math.exp(-(m.b[0]! + s * (x.value ?? 1))));
}

describe('trainLogistic', () => {
  // Feature 0 marks the positives, feature 1 the negatives, feature 2 is in everything.
  const xs: Encoded[] = [
    ...Array.from({ length: 10 }, () => ({ features: Int32Array.from([0, 2]) })),
    ...Array.from({ length: 30 }, () => ({ features: Int32Array.from([1, 2]) })),
  ];
  const ys = xs.map((_, i) => (i < 10 ? 1 : 0));
  const shape = { features: 3, classes: 1, binary: true } as const;

  it('learns a separable binary problem, deterministically', () => {
    const m = trainLogistic(xs, ys, { ...shape, ...settings });
    expect(probability(m, xs[0]!)).toBeGreaterThan(0.9);
    expect(probability(m, xs[20]!)).toBeLessThan(0.1);
    const again = trainLogistic(xs, ys, { ...shape, ...settings });
    expect(Array.from(again.w)).toEqual(Array.from(m.w));
  });

  it('raises the positives with a class weight', () => {
    const plain = trainLogistic(xs, ys, { ...shape, ...settings, epochs: 1 });
    const weighted = trainLogistic(xs, ys, { ...shape, ...settings, epochs: 1, positiveWeight: 3 });
    expect(probability(weighted, xs[0]!)).toBeGreaterThan(probability(plain, xs[0]!));
  });

  it('trains with feature values (length normalisation) and with no examples at all', () => {
    const scaled = xs.map((x) => ({ ...x, value: 1 / Math.sqrt(2) }));
    const m = trainLogistic(scaled, ys, { ...shape, ...settings });
    expect(probability(m, scaled[0]!)).toBeGreaterThan(0.9);
    const empty = trainLogistic([], [], { ...shape, ...settings });
    expect(Array.from(empty.w)).toEqual([0, 0, 0]);
    expect(Array.from(empty.b)).toEqual([0]);
  });

  it('trains a softmax over three classes', () => {
    const three: Encoded[] = [0, 1, 2].flatMap((c) =>
      Array.from({ length: 10 }, () => ({ features: Int32Array.from([c]) })),
    );
    const labels = three.map((_, i) => Math.floor(i / 10));
    const m = trainLogistic(three, labels, {
      features: 3,
      classes: 3,
      binary: false,
      ...settings,
    });
    for (let c = 0; c < 3; c++) {
      const row = [0, 1, 2].map((k) => m.w[c * 3 + k]! + m.b[k]!);
      expect(row.indexOf(Math.max(...row))).toBe(c);
    }
  });
});
