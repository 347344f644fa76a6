import type { DbOrTx } from '../../db/database.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction } from '../channels/channels.js';
import { resolveContent, writeContent, type PostContentInput } from './post-content.js';
import { getPost, type PostView } from './post-view.js';
import { getPublishingSettings } from './publishing-settings.js';

/**
 * Starts a post as a draft, with a variant per chosen channel (or every connected channel of the
 * location). Providers' "share as post" calls this too. The guard runs when it is submitted.
 *
 * @example await createDraft(db, actor, { orgId, locationId, baseText: 'Flu shots this week.' })
 */
export async function createDraft(
  db: DbOrTx,
  actor: Actor,
  input: PostContentInput & { orgId: string },
): Promise<PostView> {
  const { orgId, ...contentInput } = input;
  if (!actor.userId) throw new Error('createDraft needs a person as its actor');
  const authorId = actor.userId;
  return inTransaction(db, async (tx) => {
    const settings = await getPublishingSettings(tx, orgId);
    const content = await resolveContent(tx, { orgId, input: contentInput, settings });
    const now = new Date().toISOString();
    const id = newId();
    await tx
      .insertInto('posts')
      .values({
        id,
        orgId,
        locationId: content.locationId,
        authorId,
        lastEditedBy: authorId,
        status: 'draft',
        baseText: content.baseText,
        campaign: content.campaign,
        patientStory: content.patientStory ? 1 : 0,
        guardVerdict: null,
        overrideJustification: null,
        scheduledAt: null,
        timeZone: null,
        version: 1,
        submittedAt: null,
        approvedAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await writeContent(tx, { orgId, postId: id, content, now });
    await recordAuditEvent(tx, {
      orgId,
      actor,
      action: 'post.created',
      target: { type: 'post', id },
      details: {
        locationId: content.locationId,
        channels: content.variants.map((v) => v.channel.id),
        media: content.mediaIds.length,
        patientStory: content.patientStory,
      },
    });
    return getPost(tx, { orgId, postId: id });
  });
}
