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
  let host = channel.serviceUrl;
  try {
    host = new URL(channel.serviceUrl).host;
  } catch {
    // A service URL that is not a URL still names one server.
  }
  return [`channel:${channel.id}`, `app:${channel.network}:${host}`];
}

/** The latest block among `keys` that is still in force, if any. */
export async function blockedUntil(db: Db, keys: string[], now: Date): Promise<Date | undefined> {
  const rows = await db
    .selectFrom('dispatchRateLimits')
    .select('blockedUntil')
    .where('key', 'in', keys)
    .where('blockedUntil', '>', now.toISOString())
    .execute();
  const latest = Math.max(...rows.map((r) => new Date(r.blockedUntil).getTime()));
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
