/**
 * Document-level scoring. A system *blocks* a document when the guard's verdict is `block`, or,
 * for the peers, when they found anything at all. Documents without a label are skipped.
 */
import type { BenchDoc, Prediction } from '../types.js';
import { ratio } from './span-metrics.js';

export interface DocCounts {
  /** should block, blocked */
  tp: number;
  /** should pass, blocked */
  fp: number;
  /** should pass, passed */
  tn: number;
  /** should block, passed */
  fn: number;
  /** Guard only: verdict `review` (counted as passed above). */
  review: number;
}

export function emptyDocCounts(): DocCounts {
  return { tp: 0, fp: 0, tn: 0, fn: 0, review: 0 };
}

export function addDocument(counts: DocCounts, shouldBlock: boolean, prediction: Prediction): void {
  if (shouldBlock && prediction.block) counts.tp += 1;
  else if (shouldBlock) counts.fn += 1;
  else if (prediction.block) counts.fp += 1;
  else counts.tn += 1;
  if (prediction.verdict === 'review') counts.review += 1;
}

export interface DocRates {
  documents: number;
  accuracy: number | null;
  /** Share of should-block documents that were blocked. */
  blockRecall: number | null;
  /** Share of should-pass documents that were blocked. */
  falseBlockRate: number | null;
  /** Share of all documents blocked. */
  blockRate: number | null;
  reviewRate: number | null;
}

export function docRates(c: DocCounts): DocRates {
  const n = c.tp + c.fp + c.tn + c.fn;
  return {
    documents: n,
    accuracy: ratio(c.tp + c.tn, n),
    blockRecall: ratio(c.tp, c.tp + c.fn),
    falseBlockRate: ratio(c.fp, c.fp + c.tn),
    blockRate: ratio(c.tp + c.fp, n),
    reviewRate: ratio(c.review, n),
  };
}

/** Named slices of the project corpus that the issue sets targets on. */
export interface CorpusSlices {
  /** Outgoing documents (post, reply, message) with a label. */
  outgoing: DocCounts;
  /** Clean practice posts (no patient): blocked share must be ≤ 3 %. */
  cleanPosts: DocCounts;
  /** Replies that confirm a patient relationship: blocked share must be ≥ 0.95. */
  disclosingReplies: DocCounts;
  /** Safe generic replies: blocked share must be ≤ 5 %. */
  safeReplies: DocCounts;
  /** Per `kind/subtype`. */
  bySubtype: Map<string, DocCounts>;
}

export function emptySlices(): CorpusSlices {
  return {
    outgoing: emptyDocCounts(),
    cleanPosts: emptyDocCounts(),
    disclosingReplies: emptyDocCounts(),
    safeReplies: emptyDocCounts(),
    bySubtype: new Map(),
  };
}

export function addToSlices(slices: CorpusSlices, doc: BenchDoc, prediction: Prediction): void {
  // Inbound reviews are never published, so they are scored at span level only.
  if (doc.shouldBlock === undefined || doc.kind === 'inbound') return;
  const key = doc.subtype ?? doc.kind;
  let sub = slices.bySubtype.get(key);
  if (!sub) {
    sub = emptyDocCounts();
    slices.bySubtype.set(key, sub);
  }
  addDocument(sub, doc.shouldBlock, prediction);
  addDocument(slices.outgoing, doc.shouldBlock, prediction);
  if (doc.kind === 'post' && !doc.shouldBlock) addDocument(slices.cleanPosts, false, prediction);
  if (doc.kind === 'reply' && doc.disclosesRelationship)
    addDocument(slices.disclosingReplies, true, prediction);
  if (doc.kind === 'reply' && !doc.disclosesRelationship && !doc.shouldBlock) {
    addDocument(slices.safeReplies, false, prediction);
  }
}
