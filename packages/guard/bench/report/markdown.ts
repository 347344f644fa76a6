/** Renders BENCHMARKS.md from the results. */
import type { AdversarialOutcome } from '../perf/adversarial.js';
import { ADVERSARIAL_PATTERNS } from '../perf/adversarial-inputs.js';
import type { SystemId } from '../systems/system.js';
import { HIPAA_CATEGORIES } from '../types.js';
import { fmtInt, fmtMs, fmtRatio, table } from './format.js';
import { METHOD } from './method.js';
import type { BenchResults, DatasetResult, TargetResult } from './results.js';

function available(results: BenchResults): SystemId[] {
  return results.systems.filter((s) => s.available).map((s) => s.id);
}

function targetCell(t: TargetResult, system: SystemId): string {
  const v = t.values[system];
  const value =
    t.unit === 'ms' ? fmtMs(v) : t.unit === 'per-second' ? `${fmtInt(v)}/s` : fmtRatio(v);
  const met = t.met[system];
  // Infinity (a failed run) does not survive JSON; a missing value that was judged is a failure.
  if ((v === null || v === undefined) && met === false) return 'failed ❌ not met';
  return met === true ? `${value} ✅ met` : met === false ? `${value} ❌ not met` : value;
}

function targetsSection(results: BenchResults, systems: SystemId[]): string {
  const rows = results.targets.map((t) => [
    t.description,
    t.threshold,
    ...systems.map((s) => targetCell(t, s)),
  ]);
  const guardMet = results.targets.filter((t) => t.met.guard === true).length;
  const guardScored = results.targets.filter(
    (t) => t.met.guard !== undefined && t.met.guard !== null,
  ).length;
  const lead = systems.includes('guard')
    ? `The guard meets **${guardMet} of ${guardScored}** targets.`
    : 'The guard could not be loaded; peers only.';
  return `## Targets (issue 3, "Measured")\n\n${lead} Entity recall uses the overlap rule below; "met" is judged for every system the same way.\n\n${table(['Target', 'Threshold', ...systems], rows)}`;
}

function spanTables(
  dataset: DatasetResult,
  systems: SystemId[],
  categories: readonly string[],
): string {
  const present = ['all', ...HIPAA_CATEGORIES].filter(
    (c) =>
      categories.includes(c) &&
      systems.some(
        (s) =>
          (dataset.systems[s]?.spans[c]?.goldEntities ?? 0) > 0 ||
          (dataset.systems[s]?.spans[c]?.predEntities ?? 0) > 0,
      ),
  );
  const n = (c: string) =>
    fmtInt(Math.max(...systems.map((s) => dataset.systems[s]?.spans[c]?.goldEntities ?? 0)));
  const header = ['Category', 'Labelled', ...systems.flatMap((s) => [`${s} R`, `${s} P`])];
  const entity = present.map((c) => [
    c,
    n(c),
    ...systems.flatMap((s) => [
      fmtRatio(dataset.systems[s]?.spans[c]?.entityRecall),
      fmtRatio(dataset.systems[s]?.spans[c]?.entityPrecision),
    ]),
  ]);
  const chars = present.map((c) => [
    c,
    n(c),
    ...systems.flatMap((s) => [
      fmtRatio(dataset.systems[s]?.spans[c]?.charRecall),
      fmtRatio(dataset.systems[s]?.spans[c]?.charPrecision),
    ]),
  ]);
  const typed = present.map((c) => [
    c,
    n(c),
    ...systems.flatMap((s) => [
      fmtRatio(dataset.systems[s]?.spans[c]?.entityRecallTyped),
      fmtRatio(dataset.systems[s]?.spans[c]?.entityPrecisionTyped),
    ]),
  ]);
  return [
    `Entity level (R = recall by labelled category, P = precision by the system's own category):\n\n${table(header, entity)}`,
    `Character level (non-whitespace characters):\n\n${table(header, chars)}`,
    `<details><summary>Entity level, typed (the predicted category must agree; phone ≈ fax)</summary>\n\n${table(header, typed)}\n\n</details>`,
  ].join('\n\n');
}

function sourceTypeTable(dataset: DatasetResult, systems: SystemId[]): string {
  const types = [
    ...new Set(systems.flatMap((s) => Object.keys(dataset.systems[s]?.bySourceType ?? {}))),
  ].sort();
  const rows = types.map((t) => {
    const total = Math.max(...systems.map((s) => dataset.systems[s]?.bySourceType[t]?.total ?? 0));
    return [
      t,
      fmtInt(total),
      ...systems.map((s) => fmtRatio(dataset.systems[s]?.bySourceType[t]?.recall)),
    ];
  });
  const everyLabel = systems.map((s) => {
    const all = Object.values(dataset.systems[s]?.bySourceType ?? {});
    const total = all.reduce((n, v) => n + v.total, 0);
    return total ? all.reduce((n, v) => n + v.found, 0) / total : null;
  });
  const totalSpans = Math.max(
    ...systems.map((s) =>
      Object.values(dataset.systems[s]?.bySourceType ?? {}).reduce((n, v) => n + v.total, 0),
    ),
  );
  rows.push([
    'every label, neutral ones included',
    fmtInt(totalSpans),
    ...everyLabel.map((v) => fmtRatio(v)),
  ]);
  return `<details><summary>Recall by the data set's own labels (neutral ones included, for reference)</summary>\n\n${table(['Label', 'Spans', ...systems], rows)}\n\n</details>`;
}

function documentsSection(results: BenchResults, systems: SystemId[]): string {
  const corpus = results.datasets.corpus;
  const presidio = results.datasets.presidio;
  const row = ([label, ds, slice, field]: [
    string,
    DatasetResult | undefined,
    string,
    'accuracy' | 'blockRate' | 'blockRecall',
  ]) => [
    label,
    fmtInt(Math.max(...systems.map((s) => ds?.systems[s]?.documents[slice]?.documents ?? 0))),
    ...systems.map((s) => fmtRatio(ds?.systems[s]?.documents[slice]?.[field])),
  ];
  const main = table(
    ['Slice', 'Documents', ...systems],
    [
      row([
        'Presidio: block/pass accuracy (should block = has a scored span)',
        presidio,
        'outgoing',
        'accuracy',
      ]),
      row([
        'Corpus, outgoing (posts, replies, messages): block/pass accuracy',
        corpus,
        'outgoing',
        'accuracy',
      ]),
      row([
        'Corpus: clean practice posts blocked (lower is better)',
        corpus,
        'cleanPosts',
        'blockRate',
      ]),
      row([
        'Corpus: replies disclosing a relationship blocked',
        corpus,
        'disclosingReplies',
        'blockRecall',
      ]),
      row([
        'Corpus: safe generic replies blocked (lower is better)',
        corpus,
        'safeReplies',
        'blockRate',
      ]),
    ],
  );
  const subtypes = [
    ...new Set(systems.flatMap((s) => Object.keys(corpus?.systems[s]?.documents ?? {}))),
  ]
    .filter((k) => k.startsWith('subtype:'))
    .sort();
  const sub = table(
    [
      'Corpus sub-type',
      'Documents',
      'Should block',
      ...systems.map((s) => `${s} blocked`),
      ...(systems.includes('guard') ? ['guard review'] : []),
    ],
    subtypes.map((k) => {
      const first = corpus?.systems[systems[0] ?? 'guard']?.documents[k];
      const shouldBlock =
        !first || first.blockRecall === null
          ? 'no'
          : first.falseBlockRate === null
            ? 'yes'
            : 'mixed';
      return [
        k.slice('subtype:'.length),
        fmtInt(first?.documents),
        shouldBlock,
        ...systems.map((s) => fmtRatio(corpus?.systems[s]?.documents[k]?.blockRate)),
        ...(systems.includes('guard')
          ? [fmtRatio(corpus?.systems.guard?.documents[k]?.reviewRate)]
          : []),
      ];
    }),
  );
  return `## Documents\n\nA peer "blocks" when it finds anything; the guard blocks when its verdict is \`block\` (\`review\` counts as passed).\n\n${main}\n\nShare blocked per outgoing corpus sub-type (inbound reviews are never published, so they are scored at span level only):\n\n${sub}`;
}

function outcomeCell(o: AdversarialOutcome): string {
  switch (o.status) {
    case 'ok':
      return fmtMs(o.ms);
    case 'timeout':
      return `**timeout** (> ${o.limitMs / 1000} s)`;
    case 'crash':
      return `**crash**: ${o.message}`;
    case 'error':
      return `threw: ${o.message}`;
    case 'skipped':
      return 'not run (smaller input failed)';
  }
}

function speedSection(results: BenchResults, systems: SystemId[]): string {
  const speed = table(
    ['System', 'Texts/s (presidio set)', 'p50 (~500-char post)', 'p99', 'max'],
    systems.map((s) => [
      s,
      fmtInt(results.speed.throughput[s]?.textsPerSecond),
      fmtMs(results.speed.latency[s]?.p50Ms),
      fmtMs(results.speed.latency[s]?.p99Ms),
      fmtMs(results.speed.latency[s]?.maxMs),
    ]),
  );
  const lat = Object.values(results.speed.latency)[0];
  const latencyNote = lat
    ? `Latency: ${fmtInt(lat.samples)} timed calls on the corpus's ${results.speed.latencyDataset} (mean ${fmtInt(lat.meanChars)} characters), after a warm-up pass.`
    : '';
  let adversarial = '';
  if (results.adversarial.length) {
    const sizes = [...new Set(results.adversarial.map((r) => r.size))];
    const rows = ADVERSARIAL_PATTERNS.flatMap((p) =>
      sizes.map((size) => [
        p,
        `${fmtInt(size / 1000)} K`,
        ...systems.map((s) => {
          const r = results.adversarial.find(
            (a) => a.system === s && a.pattern === p && a.size === size,
          );
          return r ? outcomeCell(r.outcome) : '—';
        }),
      ]),
    );
    adversarial = `\n\n### Adversarial inputs\n\nOne call per input, each in its own child process (after a 1,000-character warm-up call) with a ${results.options.timeoutMs / 1000} s limit; a hang is recorded as a timeout and the larger sizes of that pattern are not run. Sizes are in UTF-16 code units. Patterns: \`digits\` = "1234567890" repeated, \`a-at\` = "a@" repeated, \`dots\` = ".", \`one-dash\` = "1-", \`capitalised\` = capitalised words, \`mixed\` = a seeded mix of e-mail, phone, date, URL and name fragments.\n\n${table(['Pattern', 'Size', ...systems], rows)}`;
  }
  const m = results.machine;
  const busy =
    (m.loadAverageAtStart[0] ?? 0) > m.cpus * 0.75
      ? `\n\n> **The machine was busy** (load average ${m.loadAverageAtStart.join(' / ')} on ${m.cpus} cores at start): absolute times are pessimistic for every system; compare systems within this run. Issue 3 quotes about 23,000 texts/s for redact-pii and 20,000 for openredaction on an idle machine of this kind.`
      : '';
  return `## Speed\n\nSingle process, one thread, measured after a warm-up pass over the same texts; each system's best of three interleaved rounds. ${latencyNote}${busy}\n\n${speed}${adversarial}`;
}

function gapsSection(results: BenchResults): string {
  const lines: string[] = [];
  for (const [name, ds] of Object.entries(results.datasets)) {
    const g = ds.systems.guard;
    if (!g) continue;
    const weak = Object.entries(g.spans)
      .filter(([c, r]) => c !== 'all' && r.goldEntities >= 5 && (r.entityRecall ?? 1) < 0.93)
      .map(([c, r]) => `${c} ${fmtRatio(r.entityRecall)}`);
    if (weak.length) lines.push(`- **${name}**: recall below 0.93 for ${weak.join(', ')}.`);
    if (g.errors.length)
      lines.push(
        `- **${name}**: the guard threw on ${g.errors.length} documents (first: \`${g.errors[0]?.id}\`: ${g.errors[0]?.message}).`,
      );
  }
  if (results.integrity.guardOffsetMismatches.length) {
    lines.push(
      `- Findings whose \`text\` is not \`input.slice(start, end)\` (or out of range): ${results.integrity.guardOffsetMismatches.length}, e.g. \`${results.integrity.guardOffsetMismatches.slice(0, 3).join('`, `')}\`.`,
    );
  }
  const body = lines.length ? lines.join('\n') : '- None below the thresholds above.';
  return `## Gaps for the guard\n\nMissed and false-positive examples (ids and span text) for every system are in \`bench/results.json\` under \`datasets.*.systems.*.misses\` and \`falsePositives\`.\n\n${body}`;
}

export function renderMarkdown(results: BenchResults): string {
  const systems = available(results);
  const m = results.machine;
  const unavailable = results.systems
    .filter((s) => !s.available)
    .map((s) => `- **${s.id}** could not be run: ${s.error ?? 'unknown error'}`);
  const datasetSections = Object.entries(results.datasets).map(([key, ds]) => {
    const categories =
      key === 'btc' || key === 'wnut17' ? ['name', 'geographic'] : ['all', ...HIPAA_CATEGORIES];
    return `### ${ds.name}\n\n${ds.description} (${fmtInt(ds.documents)} documents)\n\n${spanTables(ds, systems, categories)}\n\n${sourceTypeTable(ds, systems)}`;
  });
  return (
    [
      '# Guard benchmarks',
      `Regenerate with \`${results.command}\` from the repository root (writes this file and \`bench/results.json\`; about 7–10 minutes, most of it the peers' adversarial runs).${results.options.quick ? ' **This run used `--quick`** (shorter timings, no 1 MB inputs): numbers are indicative only.' : ''}`,
      `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb} GB RAM, Node ${m.node}, ${m.platform}; load average at start ${m.loadAverageAtStart.join(' / ')} (1 / 5 / 15 min). Run ${results.generatedAt}.`,
      `Guard version: commit \`${results.guardSource.commit}\`${results.guardSource.uncommitted.length ? ` plus uncommitted changes to ${results.guardSource.uncommitted.map((f) => `\`${f}\``).join(', ')}` : ''}, frozen for the whole run (copied to \`${results.guardSource.module}\`).${results.guardSource.note ? ` ${results.guardSource.note}` : ''}`,
      `Systems: ${results.systems.map((s) => `**${s.id}** — ${s.label}`).join('; ')}.`,
      ...(unavailable.length ? [unavailable.join('\n')] : []),
      targetsSection(results, systems),
      `## Span detection\n\n${datasetSections.join('\n\n')}`,
      documentsSection(results, systems),
      speedSection(results, systems),
      gapsSection(results),
      METHOD(results),
    ].join('\n\n') + '\n'
  );
}
