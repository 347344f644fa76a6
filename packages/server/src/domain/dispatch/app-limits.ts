import { sql } from 'kysely';
import type { Db, DialectName } from '../../db/database.js';
import { serviceHost } from './rate-limits.js';

/** A fixed cap on what Bedside's app sends to one network: `requests` per `seconds`. */
export interface AppLimit {
  requests: number;
  seconds: number;
  /** Per server (Mastodon, Bluesky: the limit is per instance and calling address), or one for the whole network. */
  perServer: boolean;
}

export type AppLimits = Partial<Record<string, AppLimit>>;

/**
 * The documented app-wide limits (NETWORKS.md) on publishing, counted per publish attempt:
 * X allows an app 10,000 `POST /2/tweets` a day; Google Business Profile 300 requests a minute
 * per project; a Mastodon server 300 requests per 5 minutes per calling address; a Bluesky PDS
 * 3,000 per 5 minutes per address. Meta and LinkedIn publish no fixed figure (their quotas
 * scale with usage), so only their 429s slow Bedside down. Configurable: BEDSIDE_DISPATCH_APP_LIMITS.
 */
export const DEFAULT_APP_LIMITS: AppLimits = {
  x: { requests: 10_000, seconds: 86_400, perServer: false },
  gbp: { requests: 300, seconds: 60, perServer: false },
  mastodon: { requests: 300, seconds: 300, perServer: true },
  bluesky: { requests: 3_000, seconds: 300, perServer: true },
};

/** The counter row of a channel's app limit, or undefined when its network has none. */
export function appLimitKey(
  limits: AppLimits,
  channel: { network: string; serviceUrl: string },
): string | undefined {
  const limit = limits[channel.network];
  if (!limit) return undefined;
  return limit.perServer
    ? `cap:${channel.network}:${serviceHost(channel.serviceUrl)}`
    : `cap:${channel.network}`;
}

const NEVER = new Date(0).toISOString();

/**
 * Takes up to `wanted` requests from the current window of one app limit, for every worker at
 * once, in one UPDATE (the counter row is locked only for that statement, so workers barely queue
 * on it): a window starts at its first request and lasts `limit.seconds` (a fixed window: at a
 * boundary up to twice the cap can go out within one window's length — the networks' own windows
 * are the same kind). Returns how many were granted and when the next window opens, for the rest
 * to wait until.
 */
export async function takeAppRequests(
  db: Db,
  options: {
    dialect: DialectName;
    key: string;
    limit: AppLimit;
    wanted: number;
    now: Date;
  },
): Promise<{ granted: number; nextWindowAt: Date }> {
  const now = options.now.toISOString();
  const windowMs = options.limit.seconds * 1000;
  const cutoff = new Date(options.now.getTime() - windowMs).toISOString();
  const [least, greatest] = options.dialect === 'postgres' ? ['least', 'greatest'] : ['min', 'max'];
  // In SET, columns are their values before this update.
  const expired = sql`(${sql.ref('windowStart')} is null or ${sql.ref('windowStart')} <= ${cutoff})`;
  const used = sql<number>`(case when ${expired} then 0 else ${sql.ref('windowCount')} end)`;
  const grant = sql<number>`${sql.raw(greatest)}(0, ${sql.raw(least)}(cast(${options.wanted} as integer), cast(${options.limit.requests} as integer) - ${used}))`;
  const take = () =>
    db
      .updateTable('dispatchRateLimits')
      .set({
        windowStart: sql<string>`(case when ${expired} then ${now} else ${sql.ref('windowStart')} end)`,
        windowCount: sql<number>`${used} + ${grant}`,
        windowGranted: grant,
        updatedAt: now,
      })
      .where('key', '=', options.key)
      .returning(['windowStart', 'windowGranted'])
      .executeTakeFirst();
  let taken = await take();
  if (!taken) {
    await db
      .insertInto('dispatchRateLimits')
      .values({ key: options.key, blockedUntil: NEVER, updatedAt: now, windowStart: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    taken = await take();
  }
  if (!taken?.windowStart) throw new Error('The rate limit counter could not be read');
  return {
    granted: taken.windowGranted,
    nextWindowAt: new Date(Date.parse(taken.windowStart) + windowMs),
  };
}

/** Networks whose app limit is per server: each instance or PDS counts Bedside's requests on its own. */
const PER_SERVER = new Set(['mastodon', 'bluesky']);

/** The defaults with the configured overrides (null: no cap for that network). */
export function appLimitsWith(
  overrides: Record<string, { requests: number; seconds: number } | null>,
): AppLimits {
  const limits: AppLimits = { ...DEFAULT_APP_LIMITS };
  for (const [network, limit] of Object.entries(overrides))
    limits[network] = limit ? { ...limit, perServer: PER_SERVER.has(network) } : undefined;
  return limits;
}
