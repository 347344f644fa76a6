/**
 * The NHS patient-feedback data (../shared/data/reviews, MIT, © 2021 NHS England,
 * The-Strategy-Unit/pxtextmining) mapped onto Bedside's sentiment labels and topics, and the
 * deterministic split every script uses. See packages/analysis/README.md for the mapping and why.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashString } from '../src/model/features.js';
import type { SentimentLabel, Topic } from '../src/types.js';
import { readCsvRecords } from './csv.js';

const here = dirname(fileURLToPath(import.meta.url));
export const REVIEWS_DIR = join(here, '..', '..', '..', '..', 'shared', 'data', 'reviews');
export const V6_FILE = 'nhs_v6framework_230831.csv';
export const PHASE1_FILE = 'nhs_phase1_text_data.csv';

export type Split = 'train' | 'validation' | 'test';

/** Case- and space-insensitive form of a text: identical answers ("Nothing.") share one split. */
export function normalizeForSplit(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * 20 % test, 10 % validation, 70 % train, decided by a hash of the normalised text — never by
 * row order — so the split is stable, the same answer in both files lands in one split, and
 * nothing is trained on a text that is tested.
 */
export function splitOf(text: string): Split {
  const bucket = hashString(`bedside-split-v1:${normalizeForSplit(text)}`) % 10;
  if (bucket < 2) return 'test';
  if (bucket < 3) return 'validation';
  return 'train';
}

export interface SentimentExample {
  text: string;
  label: SentimentLabel;
  source: 'v6' | 'phase1';
  /** The FFT answer (very good … very poor) as 5 … 1 stars, when given (v6 only). */
  rating: number | null;
  split: Split;
}

export interface TopicExample {
  text: string;
  topics: ReadonlySet<Topic>;
  split: Split;
}

/**
 * v6 framework column(s) → Bedside topic. Topics missing here (billing_insurance beyond NHS
 * "funding", telehealth) are not labelled by the data: the NHS is free at the point of use and
 * the comments predate much video care.
 */
export const V6_TOPIC_COLUMNS: Readonly<Record<Topic, readonly string[]>> = {
  wait_time: ['Timeliness of care'],
  scheduling_access: ['Appointment arrangements', 'Appointment method', 'Contacting services'],
  billing_insurance: ['Funding & use of financial resources'],
  staff_manner: ['Staff manner & personal attributes'],
  communication: [
    'Unspecified communication',
    'Staff listening, understanding & involving patients',
    'Information directly from staff during care',
    'Information provision & guidance',
    'Being kept informed, clarity & consistency of information',
  ],
  clinical_outcome: ['Impact of treatment/ care', 'Diagnosis & triage', 'Pain management'],
  cleanliness: ['Cleanliness, tidiness & infection control'],
  facilities_parking: ['Environment & Facilities', 'Parking', 'Service location'],
  telehealth: [],
};

const NO_TEXT = new Set(['', 'did not answer', 'n/a', 'na', '-', 'none given']);

function hasText(text: string): boolean {
  return !NO_TEXT.has(normalizeForSplit(text));
}

function v6Records(): Record<string, string>[] {
  return readCsvRecords(readFileSync(join(REVIEWS_DIR, V6_FILE), 'utf8'));
}

/** v6 "Comment sentiment": 1 very positive, 2 positive, 3 neutral or mixed, 4 negative, 5 very negative. */
function v6Label(value: string): SentimentLabel | null {
  const v = value.trim();
  if (v === '1' || v === '2') return 'positive';
  if (v === '3') return 'neutral';
  if (v === '4' || v === '5') return 'negative';
  return null;
}

/** FFT categorical answer: 1 very good … 5 very poor; 6 don't know and 7 (unlabelled) are not ratings. */
function fftStars(value: string): number | null {
  const n = Number(value.trim());
  return Number.isInteger(n) && n >= 1 && n <= 5 ? 6 - n : null;
}

/** Phase 1 "criticality" −5…+5: its sign is the sentiment; junk values (`-o`, `NA`, `cc`) are dropped. */
function phase1Label(value: string): SentimentLabel | null {
  const v = value.trim();
  if (!/^-?\d+$/.test(v)) return null;
  const n = Number(v);
  if (n > 0) return 'positive';
  if (n < 0) return 'negative';
  return 'neutral';
}

export function loadSentimentExamples(): SentimentExample[] {
  const out: SentimentExample[] = [];
  for (const r of v6Records()) {
    const text = r['FFT answer'] ?? '';
    const label = v6Label(r['Comment sentiment'] ?? '');
    if (!label || !hasText(text)) continue;
    const rating = fftStars(r['FFT categorical answer'] ?? '');
    out.push({ text, label, source: 'v6', rating, split: splitOf(text) });
  }
  const phase1 = readCsvRecords(readFileSync(join(REVIEWS_DIR, PHASE1_FILE), 'utf8'));
  for (const r of phase1) {
    const text = r['feedback'] ?? '';
    const label = phase1Label(r['criticality'] ?? '');
    if (!label || !hasText(text)) continue;
    out.push({ text, label, source: 'phase1', rating: null, split: splitOf(text) });
  }
  return out;
}

/** v6 comments a person could label (not "Labelling not possible", not empty), with their topics. */
export function loadTopicExamples(): TopicExample[] {
  const out: TopicExample[] = [];
  const entries = Object.entries(V6_TOPIC_COLUMNS) as [Topic, readonly string[]][];
  for (const r of v6Records()) {
    const text = r['FFT answer'] ?? '';
    if (!hasText(text) || (r['Labelling not possible'] ?? '').trim() === '1') continue;
    const topics = new Set<Topic>();
    for (const [topic, columns] of entries) {
      if (columns.some((c) => (r[c] ?? '').trim() === '1')) topics.add(topic);
    }
    out.push({ text, topics, split: splitOf(text) });
  }
  return out;
}

/** Test examples with one row per distinct normalised text (the first), so "Nothing." counts once. */
export function distinctTexts<T extends { text: string }>(examples: readonly T[]): T[] {
  const seen = new Set<string>();
  return examples.filter((e) => {
    const key = normalizeForSplit(e.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
