import type { PostTargetRow } from '../../db/schema.js';
import { appLimitKey, DEFAULT_APP_LIMITS, takeAppRequests, type AppLimit } from './app-limits.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { blocksInForce, latestBlock, rateLimitKeys } from './rate-limits.js';
import { loadTargetContext, loadTargetContexts, type TargetContext } from './target-context.js';

/** What publishing one claimed target needs to know before it calls the network. */
export interface ReadyTarget {
  /** Undefined when the channel, variant or images could not be read. */
  context: TargetContext | undefined;
  /** A 429 block on its channel or server still in force: wait until then. */
  blockedUntil?: Date;
  /** Its network's app limit is used up for this window: wait until the next one. */
  limitedUntil?: Date;
}

/**
 * Everything a claim's targets need before publishing, read for the whole claim at once (a few
 * statements per claim instead of per target): their contexts, the rate-limit blocks on their
 * channels and servers, and their share of each network app's request cap. Targets beyond the
 * cap, in claim order (the longest due first), wait for the next window instead of being sent.
 */
export async function prepareClaim(
  deps: DispatchDeps,
  targets: PostTargetRow[],
  now: Date,
): Promise<Map<string, ReadyTarget>> {
  const contexts = await contextsOf(deps, targets);
  const keys = new Map<string, string[]>();
  for (const [id, context] of contexts) keys.set(id, rateLimitKeys(context.channel));
  const blocks = await blocksInForce(deps.db, [...keys.values()].flat(), now);
  const ready = new Map<string, ReadyTarget>();
  const wanting = new Map<string, { limit: AppLimit; ids: string[] }>();
  const limits = deps.appLimits ?? DEFAULT_APP_LIMITS;
  for (const target of targets) {
    const context = contexts.get(target.id);
    const blockedUntil = context && latestBlock(blocks, keys.get(target.id) ?? []);
    ready.set(target.id, { context, ...(blockedUntil && { blockedUntil }) });
    if (!context || blockedUntil || context.channel.status !== 'connected') continue;
    const key = appLimitKey(limits, context.channel);
    const limit = limits[context.channel.network];
    if (!key || !limit) continue;
    const entry = wanting.get(key) ?? { limit, ids: [] };
    entry.ids.push(target.id);
    wanting.set(key, entry);
  }
  for (const [key, { limit, ids }] of wanting) {
    const { granted, nextWindowAt } = await takeAppRequests(deps.db, {
      dialect: deps.dialect,
      key,
      limit,
      wanted: ids.length,
      now,
    });
    for (const id of ids.slice(granted)) {
      const entry = ready.get(id);
      if (entry) entry.limitedUntil = nextWindowAt;
    }
  }
  return ready;
}

/** All contexts in two reads; if that fails (an image that cannot be read), one target at a time. */
async function contextsOf(
  deps: DispatchDeps,
  targets: PostTargetRow[],
): Promise<Map<string, TargetContext>> {
  try {
    return await loadTargetContexts(deps, targets);
  } catch {
    const contexts = new Map<string, TargetContext>();
    for (const target of targets) {
      try {
        const context = await loadTargetContext(deps, target);
        if (context) contexts.set(target.id, context);
      } catch (error) {
        deps.log.error(
          { targetId: target.id, error: error instanceof Error ? error.name : 'unknown' },
          'dispatch could not load a target',
        );
      }
    }
    return contexts;
  }
}
