/** Throughput and latency, measured in this process after a warm-up. */
import type { GuardContext } from '../../src/types.js';
import type { BenchSystem } from '../systems/system.js';

export interface Throughput {
  texts: number;
  seconds: number;
  textsPerSecond: number;
}

/** Runs the system over `texts` repeatedly for at least `minMs` (after one warm-up pass). */
export function measureThroughput(
  system: BenchSystem,
  texts: readonly string[],
  options: { context: GuardContext; minMs: number },
): Throughput {
  for (const text of texts) system.run(text, options.context);
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < options.minMs) {
    for (const text of texts) system.run(text, options.context);
    count += texts.length;
    elapsed = performance.now() - start;
  }
  return { texts: count, seconds: elapsed / 1000, textsPerSecond: count / (elapsed / 1000) };
}

export interface Latency {
  samples: number;
  meanChars: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Times each call separately: `passes` passes over `texts` after a warm-up pass. */
export function measureLatency(
  system: BenchSystem,
  texts: readonly string[],
  options: { context: GuardContext; passes: number },
): Latency {
  for (const text of texts) system.run(text, options.context);
  const samples: number[] = [];
  for (let pass = 0; pass < options.passes; pass++) {
    for (const text of texts) {
      const t0 = performance.now();
      system.run(text, options.context);
      samples.push(performance.now() - t0);
    }
  }
  samples.sort((a, b) => a - b);
  return {
    samples: samples.length,
    meanChars: texts.reduce((n, t) => n + t.length, 0) / Math.max(1, texts.length),
    p50Ms: percentile(samples, 50),
    p99Ms: percentile(samples, 99),
    maxMs: samples.at(-1) ?? Number.NaN,
  };
}

/**
 * Interleaves `trials` rounds over the systems (A, B, C, A, B, C, …) and keeps each system's best
 * round, so background load on a shared machine hurts every system alike and as little as possible.
 */
export function bestOfTrials<T>(
  systems: readonly BenchSystem[],
  options: { trials: number; measure: (system: BenchSystem) => T; better: (a: T, b: T) => boolean },
): Map<BenchSystem, T> {
  const best = new Map<BenchSystem, T>();
  for (let trial = 0; trial < options.trials; trial++) {
    for (const system of systems) {
      const value = options.measure(system);
      const current = best.get(system);
      if (current === undefined || options.better(value, current)) best.set(system, value);
    }
  }
  return best;
}
