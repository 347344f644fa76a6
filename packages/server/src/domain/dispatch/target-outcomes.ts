import type { PublishedPost } from '../../connectors/connector.js';
import type { Tx } from '../../db/database.js';
import type { PostTargetRow, PostTargetStatus } from '../../db/schema.js';
import { systemActor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { notify } from '../notifications/notify.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { networkLabel, type FailureAdvice } from './failure-advice.js';
import { refreshPostStatus } from './post-status.js';

/**
 * The writes that end one claim. Each runs in one transaction with its audit event and the post's
 * recomputed status, and only while this worker still holds the target (status `publishing`,
 * lease owner = us): a claim taken over by the sweeper is not written twice. A confirmed
 * publication is the exception — it is the truth, so it also replaces an `unconfirmed` verdict.
 */

const nowOf = (deps: DispatchDeps): Date => (deps.now ? deps.now() : new Date());

async function held(
  tx: Tx,
  claim: { owner: string; targetId: string },
  values: Record<string, unknown>,
): Promise<boolean> {
  const result = await tx
    .updateTable('postTargets')
    .set(values)
    .where('id', '=', claim.targetId)
    .where('status', '=', 'publishing')
    .where('leaseOwner', '=', claim.owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markPublished(
  deps: DispatchDeps,
  target: PostTargetRow,
  outcome: { post: PublishedPost; recovered: boolean },
): Promise<boolean> {
  const now = nowOf(deps);
  return deps.db.transaction().execute(async (tx) => {
    const result = await tx
      .updateTable('postTargets')
      .set({
        status: 'published',
        remoteId: outcome.post.remoteId,
        remoteUrl: outcome.post.url ?? null,
        publishedAt: now.toISOString(),
        leaseOwner: null,
        leaseUntil: null,
        lastErrorKind: null,
        lastErrorMessage: null,
        lastErrorFix: null,
        updatedAt: now.toISOString(),
      })
      .where('id', '=', target.id)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'publishing'), eb('leaseOwner', '=', deps.owner)]),
          eb('status', '=', 'unconfirmed'),
        ]),
      )
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await recordAuditEvent(
      tx,
      {
        orgId: target.orgId,
        actor: systemActor,
        action: 'post.target_published',
        target: { type: 'post', id: target.postId },
        details: {
          targetId: target.id,
          channelId: target.channelId,
          network: target.network,
          attempts: target.attempts,
          foundOnNetwork: outcome.recovered,
        },
      },
      now,
    );
    await refreshPostStatus(tx, { orgId: target.orgId, postId: target.postId, now });
    return true;
  });
}

/** Back in the queue for `retryAt`, keeping the reason on show; `uncertainSince` makes the next try look first. */
export async function scheduleRetry(
  deps: DispatchDeps,
  target: PostTargetRow,
  retry: { advice: FailureAdvice; retryAt: Date; uncertainSince?: Date; countAttempt: boolean },
): Promise<boolean> {
  const now = nowOf(deps);
  return deps.db.transaction().execute(async (tx) => {
    const ok = await held(
      tx,
      { owner: deps.owner, targetId: target.id },
      {
        status: 'queued',
        nextAttemptAt: retry.retryAt.toISOString(),
        attempts: retry.countAttempt ? target.attempts : target.attempts - 1,
        leaseOwner: null,
        leaseUntil: null,
        ...(retry.uncertainSince &&
          target.publishStartedAt === null && {
            publishStartedAt: retry.uncertainSince.toISOString(),
          }),
        lastErrorKind: retry.advice.kind,
        lastErrorMessage: retry.advice.message,
        lastErrorFix: retry.advice.fix,
        updatedAt: now.toISOString(),
      },
    );
    if (!ok) return false;
    await recordAuditEvent(
      tx,
      {
        orgId: target.orgId,
        actor: systemActor,
        action: 'post.target_retry_scheduled',
        target: { type: 'post', id: target.postId },
        details: {
          targetId: target.id,
          network: target.network,
          kind: retry.advice.kind,
          retryAt: retry.retryAt.toISOString(),
          attempts: target.attempts,
        },
      },
      now,
    );
    await refreshPostStatus(tx, { orgId: target.orgId, postId: target.postId, now });
    return true;
  });
}

/** A final verdict a person has to act on: `failed`, `unconfirmed` or `paused`; tells the author. */
export async function markStopped(
  deps: DispatchDeps,
  target: PostTargetRow,
  stop: {
    status: Extract<PostTargetStatus, 'failed' | 'unconfirmed'>;
    advice: FailureAdvice;
    authorId?: string;
  },
): Promise<boolean> {
  const now = nowOf(deps);
  return deps.db.transaction().execute(async (tx) => {
    const ok = await held(
      tx,
      { owner: deps.owner, targetId: target.id },
      {
        status: stop.status,
        leaseOwner: null,
        leaseUntil: null,
        lastErrorKind: stop.advice.kind,
        lastErrorMessage: stop.advice.message,
        lastErrorFix: stop.advice.fix,
        updatedAt: now.toISOString(),
      },
    );
    if (!ok) return false;
    await recordAuditEvent(
      tx,
      {
        orgId: target.orgId,
        actor: systemActor,
        action: stop.status === 'failed' ? 'post.target_failed' : 'post.target_unconfirmed',
        outcome: 'failure',
        target: { type: 'post', id: target.postId },
        details: {
          targetId: target.id,
          network: target.network,
          kind: stop.advice.kind,
          attempts: target.attempts,
        },
      },
      now,
    );
    await refreshPostStatus(tx, { orgId: target.orgId, postId: target.postId, now });
    const name = networkLabel(target.network);
    await notify(tx, {
      orgId: target.orgId,
      audience: { roles: ['owner', 'admin'], ...(stop.authorId && { userIds: [stop.authorId] }) },
      kind: stop.status === 'failed' ? 'post.failed' : 'post.unconfirmed',
      title:
        stop.status === 'failed' ? `A post did not go out on ${name}` : `Check a post on ${name}`,
      body: `${stop.advice.message} ${stop.advice.fix}`,
      link: `/calendar?post=${target.postId}`,
    });
    return true;
  });
}

/** Gives the claim back without counting an attempt: to wait out a rate limit, or to pause. */
export async function releaseTarget(
  deps: DispatchDeps,
  target: PostTargetRow,
  release: { status: 'queued' | 'paused'; nextAttemptAt: Date; advice?: FailureAdvice },
): Promise<boolean> {
  const now = nowOf(deps);
  return deps.db.transaction().execute(async (tx) => {
    const ok = await held(
      tx,
      { owner: deps.owner, targetId: target.id },
      {
        status: release.status,
        nextAttemptAt: release.nextAttemptAt.toISOString(),
        attempts: target.attempts - 1,
        leaseOwner: null,
        leaseUntil: null,
        ...(release.advice && {
          lastErrorKind: release.advice.kind,
          lastErrorMessage: release.advice.message,
          lastErrorFix: release.advice.fix,
        }),
        updatedAt: now.toISOString(),
      },
    );
    if (ok && release.status === 'paused') {
      await recordAuditEvent(
        tx,
        {
          orgId: target.orgId,
          actor: systemActor,
          action: 'post.target_paused',
          target: { type: 'post', id: target.postId },
          details: { targetId: target.id, channelId: target.channelId },
        },
        now,
      );
      await refreshPostStatus(tx, { orgId: target.orgId, postId: target.postId, now });
    }
    return ok;
  });
}
