import type { CheckDocument } from '../engine/document.js';

/** Shorter texts give unstable grades; below this many words we do not score. */
const MIN_WORDS = 40;
const MAX_WORDS_SCORED = 5000;

/**
 * Flesch–Kincaid grade level for posts (patient education should read at grade 8 or below):
 * info above grade 8, warn above grade 12.
 */
export function detectReadability(doc: CheckDocument): void {
  if (doc.kind !== 'post') return;
  const tokens = doc.tokens;
  // Most texts are too short to score: count their words before doing any per-word work.
  let words = 0;
  for (let i = 0; i < tokens.length && words < MIN_WORDS; i++)
    if (tokens[i]?.kind === 'word') words++;
  if (words < MIN_WORDS) return;
  words = 0;
  let syllables = 0;
  let sentences = 0;
  let lastSentence = -1;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    if (words >= MAX_WORDS_SCORED) break;
    words++;
    syllables += countSyllables(t.norm);
    // Sentence indices only grow, so a change of index is a new sentence.
    if (t.sentence !== lastSentence) {
      sentences++;
      lastSentence = t.sentence;
    }
  }
  const grade = 0.39 * (words / Math.max(1, sentences)) + 11.8 * (syllables / words) - 15.59;
  if (grade <= 8) return;
  doc.add({
    rule: 'readability.grade',
    category: 'readability',
    start: 0,
    end: 0,
    severity: grade > 12 ? 'warn' : 'info',
    message: `Reads at about grade ${Math.round(grade)}; patient education should be grade 8 or below.`,
    fix: { kind: 'advice', description: 'Use shorter sentences and everyday words.' },
  });
}

const VOWELS = new Set([...'aeiouyáéíóúü'].map((c) => c.charCodeAt(0)));

/** Vowel-group syllable estimate (good enough for a grade level). */
export function countSyllables(word: string): number {
  if (word.length <= 3) return 1;
  let count = 0;
  let prevVowel = false;
  for (let i = 0; i < word.length; i++) {
    const vowel = VOWELS.has(word.charCodeAt(i));
    if (vowel && !prevVowel) count++;
    prevVowel = vowel;
  }
  if (word.endsWith('e') && !word.endsWith('le') && count > 1) count--;
  return Math.max(1, count);
}
