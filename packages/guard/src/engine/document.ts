import type { CheckInput, CheckKind, Finding, FindingCategory, Fix, Severity } from '../types.js';
import type { Token } from '../text/tokenize.js';
import type { PracticeModel } from '../context/practice.js';
import type { Lexicon } from '../data/lexicon.js';
import { PERSON_CUES } from '../data/vocab/name-cues.js';
import { looksSpanishTokens } from './safe-reply.js';

/** What a detector reports; the document adds `text` from the offsets so it always matches the input. */
export interface Draft {
  rule: string;
  category: FindingCategory;
  start: number;
  end: number;
  severity: Severity;
  message: string;
  fix?: Fix;
}

/** How strongly an identifier points at a person on its own. */
export type Strength = 'identifier' | 'contextual' | 'incidental';

/** Findings beyond this are dropped (with one note) so adversarial input cannot produce unbounded output. */
export const MAX_FINDINGS = 2000;

/**
 * One check in progress: the input, its tokens and the findings so far.
 * Detectors read tokens, ask the document about sentence context, and add drafts.
 */
export class CheckDocument {
  readonly text: string;
  readonly kind: CheckKind;
  readonly findings: Finding[] = [];
  /** Overlap-resolution priority of each finding (same index as `findings`). */
  readonly priorities: number[] = [];
  /** How each finding's severity was derived, so it can be raised once every detector has run. */
  private readonly strengths: (Strength | undefined)[] = [];
  private readonly claimed: Uint8Array;
  private readonly cueSentences: Uint8Array;
  private patientInDoc = false;
  truncated = false;

  readonly input: CheckInput;
  readonly tokens: Token[];
  readonly practice: PracticeModel;
  readonly lex: Lexicon;

  constructor(parts: {
    input: CheckInput;
    tokens: Token[];
    practice: PracticeModel;
    lex: Lexicon;
  }) {
    const { input, tokens } = parts;
    this.input = input;
    this.tokens = tokens;
    this.practice = parts.practice;
    this.lex = parts.lex;
    this.text = input.text;
    this.kind = input.kind;
    this.claimed = new Uint8Array(tokens.length);
    const last = tokens.length ? (tokens[tokens.length - 1]?.sentence ?? 0) : 0;
    this.cueSentences = new Uint8Array(last + 1);
    for (const t of tokens)
      if (t.kind === 'word' && PERSON_CUES.has(t.norm)) this.cueSentences[t.sentence] = 1;
  }

  /**
   * False once the findings cap is reached (and marks the document truncated, as `add` would): detectors call it
   * before building a finding, so adversarial input stops paying for messages, fixes and severities it would drop.
   */
  accepts(): boolean {
    if (this.findings.length < MAX_FINDINGS) return true;
    this.truncated = true;
    return false;
  }

  /** Adds a finding; `priority` decides which of two overlapping PHI findings survives. */
  add(draft: Draft, priority = 0, strength?: Strength): void {
    if (this.findings.length >= MAX_FINDINGS) {
      this.truncated = true;
      return;
    }
    // Built field by field (no `{ ...draft }` per add), in the same key order as the draft plus `text`.
    const { rule, category, start, end, severity, message, fix } = draft;
    const text = this.text.slice(start, end);
    const finding: Finding = fix
      ? { rule, category, start, end, severity, message, fix, text }
      : { rule, category, start, end, severity, message, text };
    this.findings.push(finding);
    this.priorities.push(priority);
    this.strengths.push(strength);
  }

  /**
   * Detectors run in a fixed order, so a place found before the name in its sentence was judged without it.
   * This second look raises such findings (never lowers them) now that every person cue is known.
   */
  raiseSeverities(): void {
    const rank = { info: 0, warn: 1, block: 2 } as const;
    this.findings.forEach((f, i) => {
      const strength = this.strengths[i];
      if (!strength) return;
      const now = this.severityFor(strength, f.start);
      if (rank[now] > rank[f.severity]) f.severity = now;
    });
  }

  /** Marks the tokens inside [start, end) as belonging to a structured finding, so the name model skips them. */
  claim(start: number, end: number): void {
    for (let i = this.tokenIndexAt(start); i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (!t || t.start >= end) break;
      this.claimed[i] = 1;
    }
  }

  isClaimed(tokenIndex: number): boolean {
    return this.claimed[tokenIndex] === 1;
  }

  /** Index of the token containing `offset` (or the first after it). */
  tokenIndexAt(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = this.tokens[mid];
      if (t && t.end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  sentenceAt(offset: number): number {
    return this.tokens[this.tokenIndexAt(offset)]?.sentence ?? 0;
  }

  private spanishCache: boolean | undefined;

  /** The text reads as Spanish (decided once from its tokens). */
  get spanish(): boolean {
    this.spanishCache ??= looksSpanishTokens(this.tokens);
    return this.spanishCache;
  }

  /** A person is being talked about in this sentence (cue word, a found name, or a patient named anywhere). */
  personCue(sentence: number): boolean {
    return this.patientInDoc || this.cueSentences[sentence] === 1;
  }

  /** The name model calls this when it finds a non-practice person, so dates and places near it count as tied. */
  markPerson(sentence: number, patient: boolean): void {
    if (sentence < this.cueSentences.length) this.cueSentences[sentence] = 1;
    if (patient) this.patientInDoc = true;
  }

  /** Severity for a PHI finding, by how strongly it identifies someone and where the text is going. */
  severityFor(strength: Strength, offset: number): Severity {
    if (this.kind === 'inbound') return 'info';
    const tied = this.personCue(this.sentenceAt(offset));
    if (strength === 'identifier') return 'block';
    if (strength === 'contextual') {
      if (this.kind === 'reply' || this.kind === 'message') return 'block';
      return tied ? 'block' : 'warn';
    }
    if (this.kind === 'reply') return tied ? 'block' : 'warn';
    return tied ? 'block' : 'info';
  }
}
