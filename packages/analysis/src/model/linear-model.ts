import { decodeBase64 } from './base64.js';

/** The serialised model, as scripts/train.ts writes it into weights.gen.ts. */
export interface ModelData {
  version: string;
  /** Output heads: `sentiment:negative|neutral|positive` (softmax) then `topic:<id>` (sigmoid each). */
  heads: readonly string[];
  bias: readonly number[];
  /** Per head: weight = int8 × scale. */
  scale: readonly number[];
  /** base64 of the sorted feature hashes, uint32 little-endian. */
  keys: string;
  /** base64 of int8 weights, one row per key, one column per head. */
  weights: string;
  /** |P(positive) − P(negative)| below this is neutral. */
  neutralBand: number;
  /** Probability above which a topic head fires. */
  topicThresholds: Readonly<Record<string, number>>;
  /**
   * When true, each topic head's weight sum is divided by √(number of features of the text), so a
   * long answer does not clear a threshold just by having many words; sentiment heads are not.
   */
  topicLengthNorm?: boolean;
}

/**
 * A linear model over hashed features, decoded once. `logits` costs one Map lookup per feature
 * and one add per head for the features the model knows.
 */
export class LinearModel {
  readonly heads: readonly string[];
  /** Open-addressing table from feature hash to row offset (a Map of uint32 keys boxes every key). */
  private readonly slotKeys: Int32Array;
  private readonly slotRows: Int32Array;
  private readonly mask: number;
  private readonly size: number;
  private readonly weights: Float32Array;
  private readonly bias: Float32Array;
  /** Heads from this index on are length-normalised (the topic heads, when the model says so). */
  private readonly normFrom: number;

  constructor(data: ModelData) {
    this.heads = data.heads;
    const h = data.heads.length;
    const keyBytes = decodeBase64(data.keys);
    const weightBytes = decodeBase64(data.weights);
    const n = keyBytes.length / 4;
    if (!Number.isInteger(n) || weightBytes.length !== n * h) {
      throw new Error('The analysis model file is damaged (sizes do not match).');
    }
    const keys = new DataView(keyBytes.buffer, keyBytes.byteOffset, keyBytes.byteLength);
    const signed = new Int8Array(weightBytes.buffer, weightBytes.byteOffset, weightBytes.length);
    let capacity = 16;
    while (capacity < n * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.size = n;
    this.slotKeys = new Int32Array(capacity);
    this.slotRows = new Int32Array(capacity).fill(-1);
    this.weights = new Float32Array(n * h);
    for (let r = 0; r < n; r++) {
      const key = keys.getUint32(r * 4, true) | 0;
      let slot = Math.imul(key, 0x9e3779b1) & this.mask;
      while (this.slotRows[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.slotKeys[slot] = key;
      this.slotRows[slot] = r * h;
      for (let j = 0; j < h; j++) this.weights[r * h + j] = signed[r * h + j]! * data.scale[j]!;
    }
    this.bias = Float32Array.from(data.bias);
    const firstTopic = data.heads.findIndex((name) => name.startsWith('topic:'));
    this.normFrom = data.topicLengthNorm === true && firstTopic >= 0 ? firstTopic : h;
  }

  get featureCount(): number {
    return this.size;
  }

  private rowOf(feature: number): number {
    const key = feature | 0;
    let slot = Math.imul(key, 0x9e3779b1) & this.mask;
    for (;;) {
      const row = this.slotRows[slot]!;
      if (row < 0 || this.slotKeys[slot] === key) return row;
      slot = (slot + 1) & this.mask;
    }
  }

  logits(features: readonly number[]): Float64Array {
    const h = this.heads.length;
    const out = new Float64Array(h);
    for (const f of features) {
      const row = this.rowOf(f);
      if (row < 0) continue;
      for (let j = 0; j < h; j++) out[j]! += this.weights[row + j]!;
    }
    const scale = 1 / Math.sqrt(Math.max(1, features.length));
    for (let j = 0; j < h; j++) {
      out[j] = this.bias[j]! + (j >= this.normFrom ? out[j]! * scale : out[j]!);
    }
    return out;
  }
}
