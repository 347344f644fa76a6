import type { AccountInfo, Connector, PostMetrics } from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import { fetchWithTimeout } from '../http/fetch-with-timeout.js';
import { createMastodonClient, type MastodonClient } from './mastodon-client.js';
import type { MastodonCredentials } from './mastodon-credentials.js';
import { findRecentMastodonStatus } from './mastodon-find-recent.js';
import { readMastodonLimits } from './mastodon-limits.js';
import { mastodonAuthorization, type MastodonAuthorization } from './mastodon-oauth.js';
import { publishMastodonStatus } from './mastodon-publish.js';
import { accountSchema, anyBody, statusSchema } from './mastodon-schemas.js';

export interface MastodonConnectorOptions {
  /** Per request, including reading the body. */
  timeoutMs?: number;
  /** For tests that count requests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export type MastodonConnector = Connector<MastodonCredentials, MastodonAuthorization>;

/**
 * The Mastodon connector, for any instance (and Mastodon-API servers such as snac). Stateless:
 * each call takes the account's credentials.
 *
 * @example
 * const mastodon = createMastodonConnector()
 * const post = await mastodon.publish(credentials, { text: 'Flu shots this week', idempotencyKey })
 */
export function createMastodonConnector(options: MastodonConnectorOptions = {}): MastodonConnector {
  const fetch = fetchWithTimeout(options.timeoutMs ?? 15_000, options.fetch);
  const asAccount = (credentials: MastodonCredentials): MastodonClient =>
    createMastodonClient({
      instanceUrl: credentials.instanceUrl,
      accessToken: credentials.accessToken,
      secrets: [credentials.clientSecret],
      fetch,
    });

  return {
    network: 'mastodon',
    authorize: mastodonAuthorization((instanceUrl, secrets) =>
      createMastodonClient({ instanceUrl, secrets, fetch }),
    ),

    // Mastodon tokens do not expire; a revoked one shows up as reconnect_needed on the next call.
    refresh: (credentials) => Promise.resolve(credentials),

    async validate(credentials): Promise<AccountInfo> {
      try {
        const { data } = await asAccount(credentials).request({
          method: 'GET',
          path: '/api/v1/accounts/verify_credentials',
          schema: accountSchema,
          what: 'checking the account',
        });
        const host = new URL(credentials.instanceUrl).host;
        return {
          id: data.id,
          handle: `@${data.username}@${host}`,
          displayName: data.display_name || data.username,
          url: data.url ?? undefined,
        };
      } catch (error) {
        // This call sends nothing but the token, so any refusal is about the token (snac answers 422).
        if (error instanceof ConnectorError && error.kind === 'content_rejected') {
          throw new ConnectorError({
            network: 'mastodon',
            kind: 'reconnect_needed',
            reason: 'The instance no longer accepts this connection; reconnect the account.',
            status: error.status,
          });
        }
        throw error;
      }
    },

    limits: (credentials) =>
      readMastodonLimits(createMastodonClient({ instanceUrl: credentials.instanceUrl, fetch })),

    publish: (credentials, post) => publishMastodonStatus(asAccount(credentials), post),

    findRecent: (credentials, query) => findRecentMastodonStatus(asAccount(credentials), query),

    async delete(credentials, remoteId) {
      const client = asAccount(credentials);
      const path = `/api/v1/statuses/${encodeURIComponent(remoteId)}`;
      try {
        await client.request({
          method: 'DELETE',
          path,
          schema: anyBody,
          what: 'deleting the post',
        });
      } catch (error) {
        if (!(error instanceof ConnectorError && error.status === 404)) throw error;
        // 404 is "already gone" on Mastodon — but servers without the endpoint (snac) say 404 too,
        // while the post is still up. Only a post we can no longer read counts as deleted.
        const stillThere = await client
          .request({ method: 'GET', path, schema: statusSchema, what: 'checking the post' })
          .then(
            () => true,
            (readError: unknown) => {
              if (readError instanceof ConnectorError && readError.status === 404) return false;
              throw readError;
            },
          );
        if (stillThere) {
          throw new ConnectorError({
            network: 'mastodon',
            kind: 'content_rejected',
            status: 404,
            reason: 'This server does not let apps delete posts; delete it on the server itself.',
          });
        }
      }
    },

    async fetchMetrics(credentials, remoteId): Promise<PostMetrics> {
      const { data } = await asAccount(credentials).request({
        method: 'GET',
        path: `/api/v1/statuses/${encodeURIComponent(remoteId)}`,
        schema: statusSchema,
        what: 'reading the post',
      });
      return {
        likes: data.favourites_count,
        reposts: data.reblogs_count,
        replies: data.replies_count,
        quotes: data.quotes_count,
      };
    },
  };
}
