import type { CheckDocument } from '../engine/document.js';

const MAX_MATCHES_PER_WORD = 100;

/**
 * The practice's own block list (case-insensitive, whole words) and allow list: allowed words remove any other
 * finding on exactly those characters (e.g. a program name the name model mistook for a person).
 */
export function detectCustomBlocks(doc: CheckDocument): void {
  // Most practices block nothing: then there is no need to lowercase the whole text.
  if (doc.practice.blockWords.length === 0) return;
  const lower = doc.text.toLowerCase();
  for (const word of doc.practice.blockWords) {
    const needle = word.toLowerCase();
    let from = 0;
    for (let n = 0; n < MAX_MATCHES_PER_WORD; n++) {
      const at = lower.indexOf(needle, from);
      if (at === -1) break;
      from = at + needle.length;
      if (!boundary(lower, at - 1) || !boundary(lower, at + needle.length)) continue;
      // toLowerCase can change length for a few characters; only report when offsets still line up.
      if (doc.text.slice(at, at + needle.length).toLowerCase() !== needle) continue;
      doc.add(
        {
          rule: 'custom.blocked-word',
          category: 'custom',
          start: at,
          end: at + needle.length,
          severity: 'block',
          message: 'Your practice has blocked this word or phrase.',
          fix: {
            kind: 'advice',
            description: 'Remove or reword it (see the practice’s custom rules).',
          },
        },
        100,
      );
    }
  }
}

/** Drops findings whose text is on the practice's allow list. */
export function applyAllowList(doc: CheckDocument): void {
  const allow = doc.practice.allowWords;
  if (allow.size === 0) return;
  for (let i = doc.findings.length - 1; i >= 0; i--) {
    const f = doc.findings[i];
    if (f && f.category !== 'custom' && allow.has(f.text.toLowerCase())) {
      doc.findings.splice(i, 1);
      doc.priorities.splice(i, 1);
    }
  }
}

function boundary(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return true;
  return !/[\p{L}\p{N}]/u.test(s[i] ?? '');
}
