/** The machine-readable results (bench/results.json) and how they are built from evaluations. */
import type { DatasetEvaluation, Miss } from '../evaluate.js';
import type { GuardSource } from '../guard-snapshot.js';
import type { AdversarialResult } from '../perf/adversarial.js';
import type { Latency, Throughput } from '../perf/timing.js';
import type { DocRates } from '../scoring/document-metrics.js';
import { docRates } from '../scoring/document-metrics.js';
import type { SpanRates } from '../scoring/span-metrics.js';
import { rates } from '../scoring/span-metrics.js';
import type { SystemId } from '../systems/system.js';

export interface SystemDatasetResult {
  /** Per HIPAA category and `all`. */
  spans: Record<string, SpanRates>;
  bySourceType: Record<string, { total: number; found: number; recall: number | null }>;
  documents: Record<string, DocRates>;
  errors: Array<{ id: string; message: string }>;
  misses: Miss[];
  falsePositives: Miss[];
}

export interface DatasetResult {
  name: string;
  description: string;
  documents: number;
  systems: Partial<Record<SystemId, SystemDatasetResult>>;
}

export interface BenchResults {
  generatedAt: string;
  command: string;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    platform: string;
    memoryGb: number;
    loadAverageAtStart: number[];
  };
  options: { quick: boolean; timeoutMs: number };
  guardSource: GuardSource;
  systems: Array<{ id: SystemId; label: string; available: boolean; error?: string }>;
  datasets: Record<string, DatasetResult>;
  speed: {
    throughputDataset: string;
    throughput: Partial<Record<SystemId, Throughput>>;
    latencyDataset: string;
    latency: Partial<Record<SystemId, Latency>>;
  };
  adversarial: AdversarialResult[];
  integrity: {
    redactPiiTraceMismatches: number;
    openRedactionOffsetMismatches: number;
    guardOffsetMismatches: string[];
  };
  targets: TargetResult[];
  corpusStats: CorpusStats;
}

export interface CorpusStats {
  items: number;
  bytes: number;
  practices: number;
  bySubtype: Record<string, number>;
  byLang: Record<string, number>;
  spansByCategory: Record<string, number>;
}

export interface TargetResult {
  id: string;
  description: string;
  /** How the threshold reads, e.g. "≥ 0.97". */
  threshold: string;
  values: Partial<Record<SystemId, number | null>>;
  met: Partial<Record<SystemId, boolean | null>>;
  /** Formatting hint for values. */
  unit: 'ratio' | 'ms' | 'per-second';
}

export function summarize(evaluation: DatasetEvaluation): SystemDatasetResult {
  const spans: Record<string, SpanRates> = {};
  for (const [key, counts] of evaluation.tally) spans[key] = rates(counts);
  const bySourceType: SystemDatasetResult['bySourceType'] = {};
  for (const [key, v] of [...evaluation.bySourceType].sort())
    bySourceType[key] = { ...v, recall: v.total ? v.found / v.total : null };
  const documents: Record<string, DocRates> = {
    outgoing: docRates(evaluation.slices.outgoing),
    cleanPosts: docRates(evaluation.slices.cleanPosts),
    disclosingReplies: docRates(evaluation.slices.disclosingReplies),
    safeReplies: docRates(evaluation.slices.safeReplies),
  };
  for (const [key, counts] of [...evaluation.slices.bySubtype].sort())
    documents[`subtype:${key}`] = docRates(counts);
  return {
    spans,
    bySourceType,
    documents,
    errors: evaluation.errors,
    misses: evaluation.misses,
    falsePositives: evaluation.falsePositives,
  };
}
