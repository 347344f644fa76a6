import { createGuard } from '../create-guard.js';
import type { CheckInput, Finding } from '../types.js';
import { PRACTICE } from './practice.js';

const guard = createGuard(PRACTICE);

/** Checks text for the sample practice (kind 'post' unless given) and asserts every offset lines up. */
export function check(
  text: string,
  input: Partial<CheckInput> = {},
): { verdict: string; findings: Finding[] } {
  const r = guard.check({ kind: 'post', ...input, text });
  for (const f of r.findings) {
    if (text.slice(f.start, f.end) !== f.text) throw new Error(`offset mismatch for ${f.rule}`);
  }
  return r;
}

/** Categories of the block/warn findings (info findings are notes, not problems). */
export function flagged(text: string, input: Partial<CheckInput> = {}): string[] {
  return check(text, input)
    .findings.filter((f) => f.severity !== 'info')
    .map((f) => f.category);
}

/** Rule ids of all findings. */
export function rules(text: string, input: Partial<CheckInput> = {}): string[] {
  return check(text, input).findings.map((f) => f.rule);
}

/** The finding texts of one category. */
export function texts(text: string, category: string, input: Partial<CheckInput> = {}): string[] {
  return check(text, input)
    .findings.filter((f) => f.category === category)
    .map((f) => f.text);
}
