import type { DbOrTx, Tx } from '../../db/database.js';
import type { PostStatus } from '../../db/schema.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { notify } from '../notifications/notify.js';
import type { PostEffects, TakedownOutcome } from './post-effects.js';
import { inTransaction } from './transact.js';

/** Posts not out yet: they go back to draft. */
const notOut: readonly PostStatus[] = ['in_review', 'approved', 'scheduled'];
/** Posts that may be (partly) online: they are deleted where possible, else put on the checklist. */
const maybeOut: readonly PostStatus[] = [
  'publishing',
  'published',
  'partially_published',
  'unconfirmed',
  'failed',
];

export type EndReason = 'revoked' | 'expired';

export interface EndReport {
  authorizationId: string;
  /** False when the authorization had already ended: nothing was done twice. */
  ended: boolean;
  returnedToDraft: string[];
  deleted: { postId: string; network: string | null }[];
  takedown: { postId: string; network: string | null; url: string | null }[];
}

export interface EndOptions {
  actor: Actor;
  orgId: string;
  authorizationId: string;
  reason: EndReason;
  effects: PostEffects;
  now: Date;
  /** Revocation only: who brought it. */
  revocationSource?: 'patient_link' | 'staff_written';
}

/** 164.530(j): kept six years from when it was last in effect. */
export function retainUntil(endedAt: Date): string {
  const date = new Date(endedAt);
  date.setUTCFullYear(date.getUTCFullYear() + 6);
  return date.toISOString().slice(0, 10);
}

/**
 * Ends an authorization (revocation or expiry) and everything that depended on it. In one
 * transaction: the status change (only from a live status, so a second run finds nothing to do),
 * open signing links canceled, dependent posts not yet out back to draft, the owner and compliance
 * officer told, the audit event. Then, outside it (network calls take seconds), published posts
 * are deleted where the network allows and the rest go on the takedown checklist with their links.
 */
export async function endAuthorization(db: DbOrTx, options: EndOptions): Promise<EndReport> {
  const first = await inTransaction(db, (tx) => endInTransaction(tx, options));
  const report: EndReport = {
    authorizationId: options.authorizationId,
    ended: first.ended,
    returnedToDraft: first.returnedToDraft,
    deleted: [],
    takedown: [],
  };
  for (const postId of first.toRemove) {
    let outcomes: TakedownOutcome[];
    try {
      outcomes = await options.effects.deletePublishedPost(db, {
        actor: options.actor,
        orgId: options.orgId,
        postId,
      });
    } catch {
      outcomes = [{ targetId: null, network: null, outcome: 'manual_removal_needed', url: null }];
    }
    for (const o of outcomes) {
      if (o.outcome === 'deleted') report.deleted.push({ postId, network: o.network });
      else report.takedown.push({ postId, network: o.network, url: o.url });
    }
    await recordTakedown(db, { options, postId, outcomes });
  }
  return report;
}

async function endInTransaction(
  tx: Tx,
  options: EndOptions,
): Promise<{ ended: boolean; returnedToDraft: string[]; toRemove: string[] }> {
  const at = options.now.toISOString();
  const live = options.reason === 'revoked' ? ['draft', 'sent', 'signed'] : ['signed'];
  const changed = await tx
    .updateTable('authorizations')
    .set(
      options.reason === 'revoked'
        ? {
            status: 'revoked',
            revokedAt: at,
            revocationSource: options.revocationSource ?? 'staff_written',
            retainUntil: retainUntil(options.now),
            updatedAt: at,
          }
        : {
            status: 'expired',
            expiresAt: at,
            retainUntil: retainUntil(options.now),
            updatedAt: at,
          },
    )
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.authorizationId)
    .where('status', 'in', live as ('draft' | 'sent' | 'signed')[])
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) === 0) {
    // Already ended: finish a run that stopped before its takedowns (a crash, a second job run).
    return { ended: false, returnedToDraft: [], toRemove: await unfinishedTakedowns(tx, options) };
  }

  await tx
    .updateTable('signingRequests')
    .set({ canceledAt: at })
    .where('authorizationId', '=', options.authorizationId)
    .where('usedAt', 'is', null)
    .where('canceledAt', 'is', null)
    .execute();

  const posts = await dependentPosts(tx, options);
  const returnedToDraft: string[] = [];
  const toRemove: string[] = [];
  const why = options.reason === 'revoked' ? 'authorization revoked' : 'authorization expired';
  for (const post of posts) {
    if (notOut.includes(post.status)) {
      await options.effects.returnToDraft(tx, {
        actor: options.actor,
        orgId: options.orgId,
        postId: post.id,
        reason: why,
      });
      returnedToDraft.push(post.id);
    } else if (maybeOut.includes(post.status)) toRemove.push(post.id);
  }

  const verb = options.reason === 'revoked' ? 'was revoked' : 'expired';
  await notify(tx, {
    orgId: options.orgId,
    audience: { roles: ['owner', 'compliance_officer'] },
    kind: `consent.${options.reason}`,
    title: `A patient authorization ${verb}`,
    body: `${returnedToDraft.length} post(s) went back to draft; ${toRemove.length} published post(s) are being removed. Check the takedown checklist.`,
    link: `/consents/${options.authorizationId}`,
    email: true,
  });
  await recordAuditEvent(tx, {
    orgId: options.orgId,
    actor: options.actor,
    action: `consent.${options.reason}`,
    target: { type: 'authorization', id: options.authorizationId },
    details: {
      ...(options.revocationSource && { source: options.revocationSource }),
      returnedToDraft,
      toRemove,
    },
  });
  return { ended: true, returnedToDraft, toRemove };
}

/** Published dependents of an authorization that already ended, with nothing on the checklist yet. */
async function unfinishedTakedowns(tx: Tx, options: EndOptions): Promise<string[]> {
  const row = await tx
    .selectFrom('authorizations')
    .select('status')
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.authorizationId)
    .executeTakeFirst();
  if (row?.status !== options.reason) return [];
  const recorded = await tx
    .selectFrom('takedownItems')
    .select('postId')
    .where('authorizationId', '=', options.authorizationId)
    .execute();
  const done = new Set(recorded.map((r) => r.postId));
  return (await dependentPosts(tx, options))
    .filter((p) => maybeOut.includes(p.status) && !done.has(p.id))
    .map((p) => p.id);
}

/** Posts linked to the authorization, or using an image tagged with it. */
async function dependentPosts(
  tx: Tx,
  options: { orgId: string; authorizationId: string },
): Promise<{ id: string; status: PostStatus }[]> {
  const linked = await tx
    .selectFrom('postAuthorizations')
    .innerJoin('posts', 'posts.id', 'postAuthorizations.postId')
    .select(['posts.id', 'posts.status'])
    .where('postAuthorizations.orgId', '=', options.orgId)
    .where('postAuthorizations.authorizationId', '=', options.authorizationId)
    .execute();
  const viaMedia = await tx
    .selectFrom('mediaAuthorizations')
    .innerJoin('postMedia', 'postMedia.mediaId', 'mediaAuthorizations.mediaId')
    .innerJoin('posts', 'posts.id', 'postMedia.postId')
    .select(['posts.id', 'posts.status'])
    .where('mediaAuthorizations.orgId', '=', options.orgId)
    .where('mediaAuthorizations.authorizationId', '=', options.authorizationId)
    .execute();
  const byId = new Map([...linked, ...viaMedia].map((p) => [p.id, p]));
  return [...byId.values()];
}

async function recordTakedown(
  db: DbOrTx,
  input: { options: EndOptions; postId: string; outcomes: TakedownOutcome[] },
): Promise<void> {
  const { options, postId, outcomes } = input;
  await inTransaction(db, async (tx) => {
    const now = options.now.toISOString();
    for (const o of outcomes) {
      const itemKey = `${options.authorizationId}:${postId}:${o.targetId ?? o.network ?? 'post'}`;
      await tx
        .insertInto('takedownItems')
        .values({
          id: newId(),
          orgId: options.orgId,
          authorizationId: options.authorizationId,
          postId,
          itemKey,
          network: o.network,
          remoteUrl: o.url,
          reason: options.reason,
          status: o.outcome === 'deleted' ? 'done' : 'open',
          createdAt: now,
          resolvedAt: o.outcome === 'deleted' ? now : null,
          resolvedBy: null,
        })
        .onConflict((oc) => oc.column('itemKey').doNothing())
        .execute();
    }
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'consent.takedown_recorded',
      target: { type: 'post', id: postId },
      details: {
        authorizationId: options.authorizationId,
        deleted: outcomes.filter((o) => o.outcome === 'deleted').length,
        manual: outcomes.filter((o) => o.outcome !== 'deleted').length,
      },
    });
  });
}
