import { z } from 'zod';
import type { InstagramCredentials } from '../facebook/meta-credentials.js';
import type { NetworkHttp } from '../http/network-http.js';

const DAY_SECONDS = 24 * 60 * 60;

const limitSchema = z.object({
  data: z.array(
    z.object({
      quota_usage: z.number(),
      config: z
        .object({ quota_total: z.number(), quota_duration: z.number().optional() })
        .optional(),
    }),
  ),
});
const recentSchema = z.object({ data: z.array(z.object({ timestamp: z.string() })) });

/**
 * Seconds until this account may publish again, or undefined when it may now. Instagram allows
 * 50 API-published posts in a rolling 24 hours (`content_publishing_limit`); the window reopens
 * when the oldest post in it turns 24 hours old, which the account's own media list tells.
 */
export async function publishingQuotaWait(
  http: NetworkHttp,
  options: {
    credentials: InstagramCredentials;
    graph: (path: string, params?: Record<string, string>) => string;
  },
): Promise<number | undefined> {
  const { credentials, graph } = options;
  const { data } = await http.request({
    method: 'GET',
    url: graph(`/${encodeURIComponent(credentials.igUserId)}/content_publishing_limit`, {
      fields: 'quota_usage,config',
    }),
    accessToken: credentials.accessToken,
    schema: limitSchema,
    what: 'checking the daily post limit',
  });
  const usage = data.data[0];
  const total = usage?.config?.quota_total ?? 50;
  if (!usage || usage.quota_usage < total) return undefined;
  const window = usage.config?.quota_duration ?? DAY_SECONDS;
  const since = Math.floor(Date.now() / 1000) - window;
  const recent = await http.request({
    method: 'GET',
    url: graph(`/${encodeURIComponent(credentials.igUserId)}/media`, {
      fields: 'timestamp',
      since: String(since),
      limit: '100',
    }),
    accessToken: credentials.accessToken,
    schema: recentSchema,
    what: 'reading recent posts',
  });
  const times = recent.data.data.map((m) => Date.parse(m.timestamp)).filter(Number.isFinite);
  if (times.length === 0) return 3600;
  const reopens = Math.min(...times) + window * 1000;
  return Math.max(60, Math.ceil((reopens - Date.now()) / 1000));
}
