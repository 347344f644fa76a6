/** The targets of issue 3 ("Measured"), evaluated from the results for every system. */
import type { SystemId } from '../systems/system.js';
import { STRUCTURED_CATEGORIES } from '../types.js';
import type { BenchResults, TargetResult } from './results.js';

type Values = Partial<Record<SystemId, number | null>>;

function target(spec: Omit<TargetResult, 'met'>, test: (v: number) => boolean): TargetResult {
  const met: TargetResult['met'] = {};
  for (const [system, value] of Object.entries(spec.values) as Array<[SystemId, number | null]>) {
    met[system] = value === null || Number.isNaN(value) ? null : test(value);
  }
  return { ...spec, met };
}

function perSystem(
  results: BenchResults,
  pick: (system: SystemId) => number | null | undefined,
): Values {
  const values: Values = {};
  for (const s of results.systems) if (s.available) values[s.id] = pick(s.id) ?? null;
  return values;
}

/** A 1 MB input finishes in under a second, for every pattern: the slowest 1 MB time (Infinity when any failed). */
function worst1Mb(results: BenchResults, system: SystemId): number | null {
  const runs = results.adversarial.filter((r) => r.system === system && r.size === 1_000_000);
  if (runs.length === 0) return null;
  return Math.max(
    ...runs.map((r) => (r.outcome.status === 'ok' ? r.outcome.ms : Number.POSITIVE_INFINITY)),
  );
}

/** Largest t(1 MB) / t(100 KB) over patterns where the 1 MB run took over 50 ms (below that, timer noise dominates). */
function growth(results: BenchResults, system: SystemId): number | null {
  const ms = (pattern: string, size: number) => {
    const r = results.adversarial.find(
      (a) => a.system === system && a.pattern === pattern && a.size === size,
    );
    return r?.outcome.status === 'ok' ? r.outcome.ms : null;
  };
  const patterns = new Set(
    results.adversarial.filter((r) => r.system === system).map((r) => r.pattern),
  );
  let worst: number | null = null;
  for (const pattern of patterns) {
    const big = ms(pattern, 1_000_000);
    const mid = ms(pattern, 100_000);
    if (big === null || mid === null) {
      if (
        results.adversarial.some(
          (a) => a.system === system && a.pattern === pattern && a.size === 1_000_000,
        )
      )
        worst = Number.POSITIVE_INFINITY;
      continue;
    }
    if (big < 50) continue;
    worst = Math.max(worst ?? 0, big / Math.max(mid, 0.001));
  }
  return worst ?? (patterns.size ? 0 : null);
}

export function evaluateTargets(results: BenchResults): TargetResult[] {
  const out: TargetResult[] = [];
  const recall = (dataset: string, category: string) =>
    perSystem(results, (s) => results.datasets[dataset]?.systems[s]?.spans[category]?.entityRecall);
  const has = (dataset: string, category: string) =>
    Object.values(results.datasets[dataset]?.systems ?? {}).some(
      (r) => (r?.spans[category]?.goldEntities ?? 0) > 0,
    );

  for (const dataset of ['presidio', 'corpus']) {
    out.push(
      target(
        {
          id: `${dataset}.name`,
          description: `Entity recall, person names (${dataset})`,
          threshold: '≥ 0.93',
          values: recall(dataset, 'name'),
          unit: 'ratio',
        },
        (v) => v >= 0.93,
      ),
    );
    for (const category of STRUCTURED_CATEGORIES) {
      if (!has(dataset, category)) continue;
      out.push(
        target(
          {
            id: `${dataset}.${category}`,
            description: `Entity recall, ${category} (${dataset})`,
            threshold: '≥ 0.97',
            values: recall(dataset, category),
            unit: 'ratio',
          },
          (v) => v >= 0.97,
        ),
      );
    }
  }
  const doc = (slice: string, field: 'blockRate' | 'blockRecall') =>
    perSystem(results, (s) => results.datasets.corpus?.systems[s]?.documents[slice]?.[field]);
  out.push(
    target(
      {
        id: 'corpus.clean-posts',
        description: 'Clean practice posts blocked',
        threshold: '≤ 0.03',
        values: doc('cleanPosts', 'blockRate'),
        unit: 'ratio',
      },
      (v) => v <= 0.03,
    ),
  );
  out.push(
    target(
      {
        id: 'corpus.disclosure',
        description: 'Replies disclosing a patient relationship caught (blocked)',
        threshold: '≥ 0.95',
        values: doc('disclosingReplies', 'blockRecall'),
        unit: 'ratio',
      },
      (v) => v >= 0.95,
    ),
  );
  out.push(
    target(
      {
        id: 'corpus.safe-replies',
        description: 'Safe generic replies blocked',
        threshold: '≤ 0.05',
        values: doc('safeReplies', 'blockRate'),
        unit: 'ratio',
      },
      (v) => v <= 0.05,
    ),
  );
  out.push(
    target(
      {
        id: 'speed.p99',
        description: 'p99 latency, ~500-character post',
        threshold: '≤ 2 ms',
        values: perSystem(results, (s) => results.speed.latency[s]?.p99Ms),
        unit: 'ms',
      },
      (v) => v <= 2,
    ),
  );
  const throughput = perSystem(results, (s) => results.speed.throughput[s]?.textsPerSecond);
  out.push(
    target(
      {
        id: 'speed.floor',
        description: 'Throughput on the presidio set, one core',
        threshold: '≥ 2,000 texts/s',
        values: throughput,
        unit: 'per-second',
      },
      (v) => v >= 2000,
    ),
  );
  const fastestPeer = Math.max(
    ...(['redact-pii', 'openredaction'] as const).map((s) => throughput[s] ?? 0),
  );
  out.push(
    target(
      {
        id: 'speed.aim',
        description: 'Throughput at least the fastest peer’s (aim)',
        threshold: `≥ ${Math.round(fastestPeer).toLocaleString('en-US')} texts/s`,
        values: throughput,
        unit: 'per-second',
      },
      (v) => v >= fastestPeer,
    ),
  );
  if (results.adversarial.length) {
    out.push(
      target(
        {
          id: 'adversarial.1mb',
          description: 'Slowest 1 MB adversarial input',
          threshold: '< 1,000 ms',
          values: perSystem(results, (s) => worst1Mb(results, s)),
          unit: 'ms',
        },
        (v) => v < 1000,
      ),
    );
    out.push(
      target(
        {
          id: 'adversarial.linear',
          description: 'Worst growth t(1 MB) / t(100 KB) (linear ≈ 10)',
          threshold: '≤ 15',
          values: perSystem(results, (s) => growth(results, s)),
          unit: 'ratio',
        },
        (v) => v <= 15,
      ),
    );
  }
  return out;
}
