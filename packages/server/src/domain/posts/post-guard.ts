import type { Finding, FindingCategory, Verdict } from '@bedside/guard';
import type { DbOrTx } from '../../db/database.js';
import { checkText } from '../guard/check-text.js';
import type { PostView } from './post-view.js';

/** A guard finding located in one variant. The matched text itself is left out: the client has it. */
export interface PostFinding {
  variantId: string;
  channelId: string;
  rule: string;
  category: Finding['category'];
  severity: Finding['severity'];
  start: number;
  end: number;
  message: string;
  /** A blocking identifier a linked patient authorization allows: lowered to a warning. */
  coveredByAuthorization?: true;
}

export interface PostCheck {
  verdict: Verdict;
  findings: PostFinding[];
}

export const COVERED_MESSAGE =
  "The patient's signed authorization allows this; the compliance officer reviews it.";

/**
 * The server's own guard pass over a post: each variant as that network will get it, with the
 * images' descriptions. The browser runs the same guard as the author types; this is the check
 * that counts. Length is checked separately (after UTM parameters are added). A blocking finding
 * of a category in `covered` (what a linked patient authorization allows, e.g. the patient's
 * name) becomes a warning marked `coveredByAuthorization`.
 */
export async function checkPost(
  db: DbOrTx,
  options: { orgId: string; post: PostView; covered?: readonly FindingCategory[] },
): Promise<PostCheck> {
  const covered = new Set(options.covered ?? []);
  const { post } = options;
  const findings: PostFinding[] = [];
  const media = post.media.map((m) => ({ altText: m.altText }));
  for (const variant of post.variants) {
    const result = await checkText(db, {
      orgId: options.orgId,
      text: variant.text,
      kind: 'post',
      network: variant.network,
      ...(variant.network === 'mastodon' && { maxCharacters: variant.limit }),
      media,
    });
    for (const f of result.findings)
      if (f.rule !== 'network.too-long' && f.severity !== 'info') {
        const lowered = f.severity === 'block' && covered.has(f.category);
        findings.push({
          variantId: variant.id,
          channelId: variant.channelId,
          rule: f.rule,
          category: f.category,
          severity: lowered ? 'warn' : f.severity,
          start: f.start,
          end: f.end,
          message: lowered ? COVERED_MESSAGE : f.message,
          ...(lowered && { coveredByAuthorization: true as const }),
        });
      }
  }
  const verdict: Verdict = findings.some((f) => f.severity === 'block')
    ? 'block'
    : findings.some((f) => f.severity === 'warn')
      ? 'review'
      : 'pass';
  return { verdict, findings };
}

/** The rules found, each once, for the audit trail (never the matched text). */
export function rulesOf(check: PostCheck): string[] {
  return [...new Set(check.findings.map((f) => f.rule))].sort();
}
