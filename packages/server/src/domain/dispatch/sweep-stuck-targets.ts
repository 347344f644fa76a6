import { ConnectorError } from '../../connectors/connector.js';
import type { PostTargetRow } from '../../db/schema.js';
import { connectorFor, type DispatchDeps } from './dispatch-deps.js';
import { failureAdvice } from './failure-advice.js';
import { loadTargetContext } from './target-context.js';
import { markPublished, markStopped } from './target-outcomes.js';

/** The network's clock and ours differ; look this much before the claim. */
const LOOK_BACK_MS = 60_000;

/**
 * Recovers targets left `publishing` by a worker that died (its lease ran out) — or, with
 * `orphansOf: 'everyone-else'` on embedded SQLite, where this is the only process, every such
 * target not held by this worker. The sweeper never publishes: it asks the network whether the
 * post is there (`findRecent`); found → published, otherwise `unconfirmed` for a person to check.
 */
export async function sweepStuckTargets(
  deps: DispatchDeps,
  options: { leaseMs: number; ignoreLeases?: boolean; limit?: number },
): Promise<{ found: number; unconfirmed: number }> {
  const now = deps.now ? deps.now() : new Date();
  let query = deps.db
    .selectFrom('postTargets')
    .selectAll()
    .where('status', '=', 'publishing')
    .where('leaseOwner', '!=', deps.owner);
  if (!options.ignoreLeases) query = query.where('leaseUntil', '<', now.toISOString());
  const stuck = await query.limit(options.limit ?? 100).execute();
  const result = { found: 0, unconfirmed: 0 };
  for (const candidate of stuck) {
    const taken = await deps.db
      .updateTable('postTargets')
      .set({
        leaseOwner: deps.owner,
        leaseUntil: new Date(now.getTime() + options.leaseMs).toISOString(),
        updatedAt: now.toISOString(),
      })
      .where('id', '=', candidate.id)
      .where('status', '=', 'publishing')
      .where('leaseOwner', '=', candidate.leaseOwner)
      .where('leaseUntil', '=', candidate.leaseUntil)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) continue;
    const target: PostTargetRow = { ...candidate, leaseOwner: deps.owner };
    const outcome = await checkOnNetwork(deps, target);
    result[outcome] += 1;
  }
  if (stuck.length > 0)
    deps.log.warn({ ...result, checked: stuck.length }, 'recovered stuck targets');
  return result;
}

async function checkOnNetwork(
  deps: DispatchDeps,
  target: PostTargetRow,
): Promise<'found' | 'unconfirmed'> {
  let reason: string | undefined = 'The worker sending it stopped before the network answered';
  try {
    const context = await loadTargetContext(deps, target);
    const connector = connectorFor(deps.connectors, target.network);
    if (context && connector && context.channel.status !== 'disconnected') {
      const credentials: unknown = JSON.parse(deps.box.open(context.channel.credentialsSealed));
      const startedAt = new Date(target.publishStartedAt ?? target.claimedAt ?? target.updatedAt);
      const found = await connector.findRecent(credentials, {
        since: new Date(startedAt.getTime() - LOOK_BACK_MS),
        text: context.text,
      });
      if (found && (await markPublished(deps, target, { post: found, recovered: true })))
        return 'found';
    }
  } catch (error) {
    reason = error instanceof ConnectorError ? error.reason : 'The network could not be asked';
  }
  const advice = failureAdvice('unconfirmed', { network: target.network, reason });
  await markStopped(deps, target, { status: 'unconfirmed', advice });
  return 'unconfirmed';
}
