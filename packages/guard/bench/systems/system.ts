import type { GuardContext } from '../../src/types.js';
import type { BenchDoc, Prediction } from '../types.js';

export type SystemId = 'guard' | 'redact-pii' | 'openredaction';

/** One detector under test, behind the same two calls. */
export interface BenchSystem {
  id: SystemId;
  /** What is measured, as printed in the report. */
  label: string;
  /** Scores one document: spans mapped to HIPAA categories plus the block decision. */
  predict(doc: BenchDoc, context: GuardContext): Prediction;
  /** The bare library call that `predict` is built on; this is what throughput and latency time. */
  run(text: string, context: GuardContext): void;
}
