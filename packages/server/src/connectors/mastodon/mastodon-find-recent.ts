import { z } from 'zod';
import type { PublishedPost, RecentPostQuery } from '../connector.js';
import type { MastodonClient } from './mastodon-client.js';
import { accountSchema, statusSchema } from './mastodon-schemas.js';
import { comparableText, statusHtmlToText } from './mastodon-status-text.js';

/** Clocks differ between Bedside and the instance; look a little before `since`. */
const CLOCK_SKEW_MS = 2 * 60 * 1000;

/**
 * Finds our post among the account's latest statuses: created since `since` (less clock skew)
 * with the same letters and digits. Two identical posts in that window are indistinguishable;
 * for a retry after a timeout that is the right answer anyway (the text is already out there).
 */
export async function findRecentMastodonStatus(
  client: MastodonClient,
  query: RecentPostQuery,
): Promise<PublishedPost | undefined> {
  const { data: account } = await client.request({
    method: 'GET',
    path: '/api/v1/accounts/verify_credentials',
    schema: accountSchema,
    what: 'reading the account',
  });
  const { data: statuses } = await client.request({
    method: 'GET',
    path: `/api/v1/accounts/${encodeURIComponent(account.id)}/statuses?limit=40&exclude_reblogs=true`,
    schema: z.array(statusSchema),
    what: 'listing recent posts',
  });
  const wanted = comparableText(query.text);
  const after = query.since.getTime() - CLOCK_SKEW_MS;
  const match = statuses.find(
    (status) =>
      Date.parse(status.created_at) >= after &&
      comparableText(statusHtmlToText(status.content)) === wanted,
  );
  return match ? { remoteId: match.id, url: match.url ?? match.uri } : undefined;
}
