import type { DbOrTx } from '../../db/database.js';
import type { PostRow } from '../../db/schema.js';
import { AppError, invalid } from '../../errors.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction } from '../channels/channels.js';
import { findCoveredIdentifiers } from '../consents/covered-identifiers.js';
import { notify } from '../notifications/notify.js';
import { checkPost, rulesOf, type PostCheck } from './post-guard.js';
import { requireStatus, transition, loadPostRow } from './post-state.js';
import { getPost, type PostView } from './post-view.js';
import { getPublishingSettings } from './publishing-settings.js';
import { requiredApproverRoles } from './approval-rules.js';

export const MIN_JUSTIFICATION = 20;
export const MAX_JUSTIFICATION = 2000;

/**
 * The gate every version passes on its way to review: at least one channel, every variant within
 * its network's limit, every image described, and the guard's verdict — a blocking finding stops
 * it; warnings pass only with a written justification, which is kept on the post and in the audit
 * trail. A patient's name that a linked, signed authorization allows is a warning the compliance
 * officer approves, and needs no justification of its own: the authorization is it. Returns the
 * check so the caller can record it.
 */
export async function gateForReview(
  tx: DbOrTx,
  options: { actor: Actor; row: PostRow; overrideJustification?: string | undefined },
): Promise<{ post: PostView; check: PostCheck; justification: string | null }> {
  const { row } = options;
  const post = await getPost(tx, { orgId: row.orgId, postId: row.id });
  const fields: Record<string, string> = {};
  if (post.variants.length === 0) fields.variants = 'Choose at least one channel to publish to.';
  post.variants.forEach((v, i) => {
    if (v.count > v.limit)
      fields[`variants.${i}.text`] =
        `${v.handle} allows ${v.limit} characters; this text has ${v.count}.`;
  });
  post.media.forEach((m, i) => {
    if (!m.altText.trim()) fields[`mediaIds.${i}`] = 'Describe this image (alt text).';
  });
  if (Object.keys(fields).length > 0) throw invalid(fields);

  const covered = await findCoveredIdentifiers(tx, {
    orgId: row.orgId,
    postId: row.id,
    at: new Date(),
  });
  const check = await checkPost(tx, { orgId: row.orgId, post, covered });
  const findings = check.findings;
  const uncoveredWarnings = findings.some(
    (f) => f.severity === 'warn' && !f.coveredByAuthorization,
  );
  if (check.verdict === 'block')
    throw new AppError(
      'validation_failed',
      'The guard found something that must not be published (see the highlighted text). Remove it and submit again.',
      { fields: blockFields(post, check), findings, verdict: check.verdict },
    );
  let justification: string | null = null;
  if (check.verdict === 'review' && uncoveredWarnings) {
    justification = options.overrideJustification?.trim() ?? '';
    if (justification.length < MIN_JUSTIFICATION)
      throw new AppError(
        'validation_failed',
        'The guard warned about this post. To submit it anyway, write why it is fine to publish.',
        {
          fields: {
            overrideJustification: `Explain in at least ${MIN_JUSTIFICATION} characters why the warnings do not apply.`,
          },
          findings,
          verdict: check.verdict,
        },
      );
    if (justification.length > MAX_JUSTIFICATION)
      throw invalid({ overrideJustification: `Keep it under ${MAX_JUSTIFICATION} characters.` });
    await recordAuditEvent(tx, {
      orgId: row.orgId,
      actor: options.actor,
      action: 'post.guard_overridden',
      target: { type: 'post', id: row.id },
      details: { version: row.version, rules: rulesOf(check), justification },
    });
  }
  return { post, check, justification };
}

function coveredRules(check: PostCheck): string[] {
  return [...new Set(check.findings.filter((f) => f.coveredByAuthorization).map((f) => f.rule))];
}

function blockFields(post: PostView, check: PostCheck): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const f of check.findings) {
    if (f.severity !== 'block') continue;
    const i = post.variants.findIndex((v) => v.id === f.variantId);
    fields[`variants.${i}.text`] ??= f.message;
  }
  return fields;
}

/** Tells the people whose approval is needed that a post waits for them (no post text in it). */
export async function notifyReviewers(
  tx: DbOrTx,
  options: { row: PostRow; verdict: PostCheck['verdict']; justified?: boolean },
): Promise<void> {
  const settings = await getPublishingSettings(tx, options.row.orgId);
  const roles = requiredApproverRoles(settings, options.verdict);
  await notify(tx, {
    orgId: options.row.orgId,
    audience: {
      roles: roles.length > 0 ? roles : ['owner', 'admin', 'compliance_officer'],
    },
    kind: 'post.review_requested',
    title: 'A post is waiting for review',
    body:
      options.verdict === 'review'
        ? options.justified === false
          ? "It names a patient under the patient's signed authorization: check it against the authorization."
          : 'The guard warned about it and the author wrote a justification.'
        : 'Open the review queue to approve it or ask for changes.',
    link: `/posts/${options.row.id}`,
  });
}

/**
 * Sends a draft to review, after the gate above. The verdict is stored on the post.
 *
 * @example await submitForReview(db, { actor, orgId, postId, overrideJustification: '…' })
 */
export async function submitForReview(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    postId: string;
    version?: number;
    overrideJustification?: string | undefined;
  },
): Promise<PostView> {
  return inTransaction(db, async (tx) => {
    const row = await loadPostRow(tx, options);
    requireStatus(row, ['draft'], 'submitted for review');
    if (options.version !== undefined && options.version !== row.version)
      throw invalid({ version: 'This post changed since you opened it. Reload it first.' });
    const { check, justification } = await gateForReview(tx, {
      actor: options.actor,
      row,
      overrideJustification: options.overrideJustification,
    });
    const now = new Date().toISOString();
    await transition(tx, {
      row,
      set: {
        status: 'in_review',
        guardVerdict: check.verdict,
        overrideJustification: justification,
        submittedAt: now,
        approvedAt: null,
      },
    });
    await recordAuditEvent(tx, {
      orgId: row.orgId,
      actor: options.actor,
      action: 'post.submitted',
      target: { type: 'post', id: row.id },
      details: {
        version: row.version,
        verdict: check.verdict,
        rules: rulesOf(check),
        coveredByAuthorization: coveredRules(check),
      },
    });
    await notifyReviewers(tx, {
      row,
      verdict: check.verdict,
      justified: justification !== null,
    });
    return getPost(tx, options);
  });
}
