/** Scores shared by the training script and the benchmark. */
export interface BinaryCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function countBinary(pairs: Iterable<[boolean, boolean]>): BinaryCounts {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const [gold, predicted] of pairs) {
    if (gold && predicted) c.tp++;
    else if (predicted) c.fp++;
    else if (gold) c.fn++;
    else c.tn++;
  }
  return c;
}

export function precision(c: BinaryCounts): number {
  return c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
}

export function recall(c: BinaryCounts): number {
  return c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
}

export function f1(c: BinaryCounts): number {
  const p = precision(c);
  const r = recall(c);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** A deterministic PRNG (mulberry32) so training shuffles the same way every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
