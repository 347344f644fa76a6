/**
 * Logistic regression by AdaGrad over sparse (hashed, indexed) features, shared by the training
 * script and the cross-validation that picks its settings. Deterministic for a given seed.
 */
import { seededRandom } from './metrics.js';

export interface Encoded {
  features: Int32Array;
  /** The value of every feature of this example (1 when absent), e.g. 1/√n to normalise length. */
  value?: number;
}

export interface LogisticOptions {
  features: number;
  /** 1 with `binary` for a sigmoid head; k > 1 for a softmax over k classes. */
  classes: number;
  binary: boolean;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Binary only: each positive example counts this many times (class weighting). */
  positiveWeight?: number;
}

function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Returns weights [feature][class] and biases. */
export function trainLogistic(
  xs: readonly Encoded[],
  ys: readonly number[],
  o: LogisticOptions,
): { w: Float64Array; b: Float64Array } {
  const k = o.classes;
  const w = new Float64Array(o.features * k);
  const g2 = new Float64Array(o.features * k).fill(1e-8);
  const b = new Float64Array(k);
  const bg2 = new Float64Array(k).fill(1e-8);
  const random = seededRandom(o.seed + k);
  const z = new Float64Array(k);
  const grad = new Float64Array(k);
  const positiveWeight = o.positiveWeight ?? 1;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const n of shuffled(xs.length, random)) {
      const x = xs[n]!.features;
      const v = xs[n]!.value ?? 1;
      const y = ys[n]!;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (const f of x) s += w[f * k + c]!;
        z[c] = b[c]! + s * v;
      }
      if (o.binary) {
        const p = 1 / (1 + Math.exp(-z[0]!));
        grad[0] = (p - y) * (y === 1 ? positiveWeight : 1);
      } else {
        let max = -Infinity;
        for (let c = 0; c < k; c++) max = Math.max(max, z[c]!);
        let sum = 0;
        for (let c = 0; c < k; c++) sum += Math.exp(z[c]! - max);
        for (let c = 0; c < k; c++) grad[c] = Math.exp(z[c]! - max) / sum - (c === y ? 1 : 0);
      }
      for (let c = 0; c < k; c++) {
        const gc = grad[c]!;
        bg2[c]! += gc * gc;
        b[c]! -= (o.learningRate * gc) / Math.sqrt(bg2[c]!);
        for (const f of x) {
          const i = f * k + c;
          const g = gc * v + o.l2 * w[i]!;
          g2[i]! += g * g;
          w[i]! -= (o.learningRate * g) / Math.sqrt(g2[i]!);
        }
      }
    }
  }
  return { w, b };
}
