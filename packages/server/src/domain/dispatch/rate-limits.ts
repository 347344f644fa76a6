import type { Db } from '../../db/database.js';

/**
 * Rate-limit blocks shared by every worker: `channel:<id>` for one account and
 * `app:<network>:<host>` for everything Bedside sends to one server. A network's 429 does not say
 * whether it limited the account or Bedside's whole app (or IP), so both are blocked until its
 * retry-after: that delays posts on the same server by at most that long and never hammers it.
 */
export function rateLimitKeys(channel: {
  id: string;
  network: string;
  serviceUrl: string;
}): string[] {
  return [`channel:${channel.id}`, `app:${channel.network}:${serviceHost(channel.serviceUrl)}`];
}

/** The server a service URL names (host and port). */
export function serviceHost(serviceUrl: string): string {
  try {
    return new URL(serviceUrl).host;
  } catch {
    // A service URL that is not a URL still names one server.
    return serviceUrl;
  }
}

/** The latest block among `keys` that is still in force, if any. */
export async function blockedUntil(db: Db, keys: string[], now: Date): Promise<Date | undefined> {
  return latestBlock(await blocksInForce(db, keys, now), keys);
}

/** The blocks in force among `keys` (of a whole claim, in one read), by key. */
export async function blocksInForce(db: Db, keys: string[], now: Date): Promise<Map<string, Date>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('dispatchRateLimits')
    .select(['key', 'blockedUntil'])
    .where('key', 'in', [...new Set(keys)])
    .where('blockedUntil', '>', now.toISOString())
    .execute();
  return new Map(rows.map((r) => [r.key, new Date(r.blockedUntil)]));
}

/** The latest of the blocks on `keys`, if any. */
export function latestBlock(blocks: Map<string, Date>, keys: string[]): Date | undefined {
  const latest = Math.max(
    ...keys.map((key) => blocks.get(key)?.getTime() ?? Number.NaN).filter(Number.isFinite),
  );
  return Number.isFinite(latest) ? new Date(latest) : undefined;
}

/** Blocks `keys` until `until` (never shortening a longer block another worker recorded). */
export async function block(
  db: Db,
  keys: string[],
  options: { until: Date; now: Date },
): Promise<void> {
  const until = options.until.toISOString();
  const now = options.now.toISOString();
  for (const key of keys)
    await db
      .insertInto('dispatchRateLimits')
      .values({ key, blockedUntil: until, updatedAt: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          blockedUntil: eb
            .case()
            .when('dispatchRateLimits.blockedUntil', '<', until)
            .then(until)
            .else(eb.ref('dispatchRateLimits.blockedUntil'))
            .end(),
          updatedAt: now,
        })),
      )
      .execute();
}
