import { ConnectorError, type PublishedPost } from '../../connectors/connector.js';
import type { PostTargetRow } from '../../db/schema.js';
import { backoffDelay, defaultBackoff } from '../../jobs/backoff.js';
import { pauseChannel } from './channel-pause.js';
import { connectorFor, type DispatchConnector, type DispatchDeps } from './dispatch-deps.js';
import { failureAdvice } from './failure-advice.js';
import { prepareClaim, type ReadyTarget } from './prepare-claim.js';
import { block, rateLimitKeys } from './rate-limits.js';
import type { TargetContext } from './target-context.js';
import { markPublished, markStopped, releaseTarget, scheduleRetry } from './target-outcomes.js';

export type TargetOutcome =
  | 'published'
  | 'found'
  | 'retry'
  | 'rate_limited'
  | 'paused'
  | 'failed'
  | 'unconfirmed'
  | 'lost_lease';

const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Publishes one claimed target, exactly once:
 * - before anything is sent, a rate-limit block on the channel or its server, or its network app's
 *   request cap being used up, puts it back unsent (`ready`: read for the whole claim, see prepareClaim);
 * - if an earlier attempt ended without knowing whether the post arrived (a timeout, a 5xx, a
 *   garbage answer), the network is asked first (`findRecent`) and a found post counts as published;
 * - the network's idempotency key is the target's own;
 * - a transient failure retries with exponential backoff and jitter, up to `maxAttempts`; the last
 *   one looks on the network once more and ends `failed` (not there) or `unconfirmed` (cannot tell);
 * - a refused token pauses the channel; a refused post fails at once with the network's reason.
 */
export async function publishTarget(
  deps: DispatchDeps,
  target: PostTargetRow,
  given?: ReadyTarget,
): Promise<TargetOutcome> {
  const now = deps.now ? deps.now() : new Date();
  const ready = given ?? (await prepareClaim(deps, [target], now)).get(target.id);
  const context = ready?.context;
  if (!context || context.channel.status === 'disconnected') {
    const advice = failureAdvice('reconnect_needed', {
      network: target.network,
      reason: context
        ? 'The account was disconnected from Bedside'
        : 'The post or its images could not be read',
    });
    return (await markStopped(deps, target, { status: 'failed', advice }))
      ? 'failed'
      : 'lost_lease';
  }
  const { channel } = context;
  if (channel.status === 'reconnect_needed') {
    const advice = failureAdvice('reconnect_needed', { network: target.network });
    return (await releaseTarget(deps, target, { status: 'paused', nextAttemptAt: now, advice }))
      ? 'paused'
      : 'lost_lease';
  }
  const waitUntil = ready?.blockedUntil ?? ready?.limitedUntil;
  if (waitUntil)
    return (await releaseTarget(deps, target, { status: 'queued', nextAttemptAt: waitUntil }))
      ? 'rate_limited'
      : 'lost_lease';

  const connector = connectorFor(deps.connectors, target.network);
  if (!connector) {
    const advice = failureAdvice('unsupported', { network: target.network });
    return (await markStopped(deps, target, {
      status: 'failed',
      advice,
      authorId: context.authorId,
    }))
      ? 'failed'
      : 'lost_lease';
  }

  const attemptStart = now;
  try {
    const credentials: unknown = JSON.parse(deps.box.open(channel.credentialsSealed));
    const hooks = {
      onRefreshed: async (next: unknown): Promise<void> => {
        await deps.db
          .updateTable('channels')
          .set({
            credentialsSealed: deps.box.seal(JSON.stringify(next)),
            updatedAt: new Date().toISOString(),
          })
          .where('id', '=', channel.id)
          .execute();
      },
    };
    if (target.publishStartedAt !== null) {
      const found = await connector.findRecent(
        credentials,
        { since: new Date(target.publishStartedAt), text: context.text },
        hooks,
      );
      if (found) return published(deps, target, { post: found, recovered: true });
    }
    const post = await connector.publish(
      credentials,
      { text: context.text, media: context.media, idempotencyKey: target.idempotencyKey },
      hooks,
    );
    return published(deps, target, { post, recovered: false });
  } catch (error) {
    return handleFailure(deps, { target, context, connector, error, attemptStart });
  }
}

async function published(
  deps: DispatchDeps,
  target: PostTargetRow,
  outcome: { post: PublishedPost; recovered: boolean },
): Promise<TargetOutcome> {
  const written = deps.publishedBatch
    ? await deps.publishedBatch.record({ target, ...outcome })
    : await markPublished(deps, target, outcome);
  if (!written) {
    // Only possible if someone else resolved it meanwhile; it is out there either way.
    deps.log.warn({ targetId: target.id }, 'published target was already resolved elsewhere');
    return 'lost_lease';
  }
  return outcome.recovered ? 'found' : 'published';
}

async function handleFailure(
  deps: DispatchDeps,
  failure: {
    target: PostTargetRow;
    context: TargetContext;
    connector: DispatchConnector;
    error: unknown;
    attemptStart: Date;
  },
): Promise<TargetOutcome> {
  const { target, context, error } = failure;
  const now = deps.now ? deps.now() : new Date();
  const network = target.network;
  const kind = error instanceof ConnectorError ? error.kind : 'transient';
  const reason = error instanceof ConnectorError ? error.reason : undefined;
  if (!(error instanceof ConnectorError))
    deps.log.warn({ targetId: target.id, error: errorName(error) }, 'publish failed unexpectedly');

  if (kind === 'content_rejected') {
    const advice = failureAdvice(kind, { network, reason });
    return (await markStopped(deps, target, {
      status: 'failed',
      advice,
      authorId: context.authorId,
    }))
      ? 'failed'
      : 'lost_lease';
  }
  if (kind === 'reconnect_needed') {
    const advice = failureAdvice(kind, { network, reason });
    const released = await releaseTarget(deps, target, {
      status: 'paused',
      nextAttemptAt: now,
      advice,
    });
    await pauseChannel(deps.db, {
      orgId: target.orgId,
      channelId: context.channel.id,
      network,
      handle: context.channel.handle,
      reason: reason ?? 'The network refused the connection.',
      now,
    });
    return released ? 'paused' : 'lost_lease';
  }
  if (kind === 'rate_limited') {
    const seconds = error instanceof ConnectorError ? (error.retryAfterSeconds ?? 60) : 60;
    const retryAt = new Date(now.getTime() + seconds * 1000);
    await block(deps.db, rateLimitKeys(context.channel), { until: retryAt, now });
    const advice = failureAdvice(kind, { network, retryAt });
    return (await scheduleRetry(deps, target, { advice, retryAt, countAttempt: false }))
      ? 'rate_limited'
      : 'lost_lease';
  }

  // Transient: the post may or may not have been created.
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (target.attempts < maxAttempts) {
    const retryAt = new Date(
      now.getTime() + backoffDelay(target.attempts, deps.backoff ?? defaultBackoff),
    );
    const advice = failureAdvice('transient', { network, reason, retryAt });
    return (await scheduleRetry(deps, target, {
      advice,
      retryAt,
      uncertainSince: failure.attemptStart,
      countAttempt: true,
    }))
      ? 'retry'
      : 'lost_lease';
  }
  // The last attempt: look once more before saying it failed.
  const since = new Date(target.publishStartedAt ?? failure.attemptStart.toISOString());
  try {
    const credentials: unknown = JSON.parse(deps.box.open(context.channel.credentialsSealed));
    const found = await failure.connector.findRecent(credentials, { since, text: context.text });
    if (found) return published(deps, target, { post: found, recovered: true });
    const advice = failureAdvice('transient', { network, reason });
    return (await markStopped(deps, target, {
      status: 'failed',
      advice,
      authorId: context.authorId,
    }))
      ? 'failed'
      : 'lost_lease';
  } catch (checkError) {
    const advice = failureAdvice('unconfirmed', {
      network,
      reason: checkError instanceof ConnectorError ? checkError.reason : undefined,
    });
    return (await markStopped(deps, target, {
      status: 'unconfirmed',
      advice,
      authorId: context.authorId,
    }))
      ? 'unconfirmed'
      : 'lost_lease';
  }
}

/** An unexpected error's class name only: messages may carry request details. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
