import type { DbOrTx } from '../../db/database.js';
import type { PostStatus } from '../../db/schema.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction } from '../channels/channels.js';
import { rulesOf } from './post-guard.js';
import { resolveContent, writeContent, type PostContentInput } from './post-content.js';
import { EDITABLE, loadPostRow, requireStatus, requireVersion, transition } from './post-state.js';
import { getPost, type PostView } from './post-view.js';
import { getPublishingSettings } from './publishing-settings.js';
import { unscheduleIfScheduled } from './return-to-draft.js';
import { gateForReview, notifyReviewers } from './submit-for-review.js';

const UNDER_REVIEW: readonly PostStatus[] = ['in_review', 'approved', 'scheduled'];

/**
 * Saves a new version of a post. A draft stays a draft. A post already in review, approved or
 * scheduled goes (back) to review: it passes the same gate as a submission (the guard, with a
 * justification for warnings), earlier approvals stop counting, and a scheduled one is
 * unscheduled first. The author of the edit can no longer approve this version.
 */
export async function updatePost(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    postId: string;
    version: number;
    input: PostContentInput;
    overrideJustification?: string | undefined;
  },
): Promise<PostView> {
  const editorId = options.actor.userId;
  if (!editorId) throw new Error('updatePost needs a person as its actor');
  return inTransaction(db, async (tx) => {
    let row = await loadPostRow(tx, options);
    requireStatus(row, EDITABLE, 'edited');
    requireVersion(row, options.version);
    const from = row.status;
    const settings = await getPublishingSettings(tx, row.orgId);
    const content = await resolveContent(tx, { orgId: row.orgId, input: options.input, settings });
    row = await unscheduleIfScheduled(tx, { actor: options.actor, row });
    const reviewing = UNDER_REVIEW.includes(from);
    const now = new Date().toISOString();
    const fields = {
      locationId: content.locationId,
      baseText: content.baseText,
      campaign: content.campaign,
      patientStory: content.patientStory ? 1 : 0,
      lastEditedBy: editorId,
      version: row.version + 1,
    };
    await transition(tx, {
      row,
      set: reviewing ? { ...fields, status: 'in_review', approvedAt: null } : fields,
    });
    await writeContent(tx, { orgId: row.orgId, postId: row.id, content, now });
    row = await loadPostRow(tx, options);
    await recordAuditEvent(tx, {
      orgId: row.orgId,
      actor: options.actor,
      action: 'post.edited',
      target: { type: 'post', id: row.id },
      details: {
        version: row.version,
        channels: content.variants.map((v) => v.channel.id),
        media: content.mediaIds.length,
        patientStory: content.patientStory,
      },
    });
    if (reviewing) {
      const { check, justification } = await gateForReview(tx, {
        actor: options.actor,
        row,
        overrideJustification: options.overrideJustification,
      });
      await transition(tx, {
        row,
        set: {
          guardVerdict: check.verdict,
          overrideJustification: justification,
          submittedAt: now,
        },
      });
      if (from !== 'in_review')
        await recordAuditEvent(tx, {
          orgId: row.orgId,
          actor: options.actor,
          action: 'post.returned_to_review',
          target: { type: 'post', id: row.id },
          details: { from, version: row.version, verdict: check.verdict, rules: rulesOf(check) },
        });
      await notifyReviewers(tx, { row, verdict: check.verdict, justified: justification !== null });
    }
    return getPost(tx, options);
  });
}
