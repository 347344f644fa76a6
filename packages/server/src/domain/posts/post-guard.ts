import type { Finding, Verdict } from '@bedside/guard';
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
}

export interface PostCheck {
  verdict: Verdict;
  findings: PostFinding[];
}

/**
 * The server's own guard pass over a post: each variant as that network will get it, with the
 * images' descriptions. The browser runs the same guard as the author types; this is the check
 * that counts. Length is checked separately (after UTM parameters are added).
 */
export async function checkPost(
  db: DbOrTx,
  options: { orgId: string; post: PostView },
): Promise<PostCheck> {
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
      if (f.rule !== 'network.too-long' && f.severity !== 'info')
        findings.push({
          variantId: variant.id,
          channelId: variant.channelId,
          rule: f.rule,
          category: f.category,
          severity: f.severity,
          start: f.start,
          end: f.end,
          message: f.message,
        });
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
