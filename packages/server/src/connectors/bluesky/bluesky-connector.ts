import { AtpAgent, AtUri } from '@atproto/api';
import type { Connector, PasswordAuthorization, PostMetrics, PublishedPost } from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import { fetchWithTimeout } from '../http/fetch-with-timeout.js';
import { sessionService, withBlueskyAgent } from './bluesky-agent.js';
import {
  BLUESKY_DEFAULT_SERVICE,
  type BlueskyCredentials,
  type BlueskyLogin,
} from './bluesky-credentials.js';
import { toBlueskyError } from './bluesky-errors.js';
import {
  createBlueskyOAuth,
  type BlueskyOAuth,
  type BlueskyOAuthOptions,
} from './bluesky-oauth.js';
import { BLUESKY_LIMITS, buildBlueskyPost, checkBlueskyPost } from './bluesky-post.js';

export interface BlueskyConnectorOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Identity resolution for atproto OAuth (a local PLC and PDS in development and tests). */
  oauth?: Omit<BlueskyOAuthOptions, 'fetch'>;
}

export type BlueskyAuthorization = PasswordAuthorization<BlueskyLogin, BlueskyCredentials>;
/** App passwords through `authorize.login`; atproto OAuth through `oauth.start` / `oauth.finish`. */
export type BlueskyConnector = Connector<BlueskyCredentials, BlueskyAuthorization> & {
  oauth: BlueskyOAuth;
};

const POST_COLLECTION = 'app.bsky.feed.post';
const CLOCK_SKEW_MS = 2 * 60 * 1000;

/**
 * The Bluesky connector: app-password sessions through @atproto/api's AtpAgent, and atproto
 * OAuth sessions (PAR, PKCE, DPoP) through @atproto/oauth-client-node. Credentials say which
 * (`oauth` set or not); every call below works with both.
 *
 * @example
 * const bluesky = createBlueskyConnector()
 * const credentials = await bluesky.authorize.login({ identifier: 'clinic.bsky.social', password })
 */
export function createBlueskyConnector(options: BlueskyConnectorOptions = {}): BlueskyConnector {
  const fetch = fetchWithTimeout(options.timeoutMs ?? 15_000, options.fetch);
  const oauth = createBlueskyOAuth({ ...options.oauth, fetch });
  const postUrl = (uri: AtUri): string => `https://bsky.app/profile/${uri.host}/post/${uri.rkey}`;

  return {
    network: 'bluesky',
    oauth,
    authorize: {
      kind: 'app_password',
      async login({ service = BLUESKY_DEFAULT_SERVICE, identifier, password }) {
        const agent = new AtpAgent({ service, fetch });
        try {
          const { data } = await agent.login({ identifier, password });
          return {
            service: sessionService(agent, service),
            did: data.did,
            handle: data.handle,
            accessJwt: data.accessJwt,
            refreshJwt: data.refreshJwt,
          };
        } catch (error) {
          throw toBlueskyError(error, [password]);
        }
      },
    },

    async refresh(credentials) {
      if (credentials.oauth) {
        let next = credentials;
        await oauth.withSession({
          credentials: { ...credentials, oauth: credentials.oauth },
          hooks: {
            onRefreshed: (refreshed) => {
              next = refreshed;
              return Promise.resolve();
            },
          },
          run: () => Promise.resolve(),
          forceRefresh: true,
        });
        return next;
      }
      const agent = new AtpAgent({ service: credentials.service, fetch });
      try {
        const { data } = await agent.com.atproto.server.refreshSession(undefined, {
          headers: { authorization: `Bearer ${credentials.refreshJwt}` },
        });
        return {
          ...credentials,
          handle: data.handle,
          accessJwt: data.accessJwt,
          refreshJwt: data.refreshJwt,
        };
      } catch (error) {
        throw toBlueskyError(error, [credentials.accessJwt, credentials.refreshJwt]);
      }
    },

    validate: (credentials, hooks) =>
      withBlueskyAgent({
        credentials,
        fetch,
        hooks,
        oauth,
        run: async (agent) => {
          const { data } = await agent.com.atproto.server.getSession();
          return {
            id: data.did,
            handle: data.handle,
            displayName: data.handle,
            url: `https://bsky.app/profile/${data.did}`,
          };
        },
      }),

    limits: () => Promise.resolve(BLUESKY_LIMITS),

    async publish(credentials, post, hooks): Promise<PublishedPost> {
      checkBlueskyPost(post);
      return withBlueskyAgent({
        credentials,
        fetch,
        hooks,
        oauth,
        run: async (agent) => {
          const { uri } = await agent.post(await buildBlueskyPost(agent, post));
          return { remoteId: uri, url: postUrl(new AtUri(uri)) };
        },
      });
    },

    findRecent: (credentials, query, hooks) =>
      withBlueskyAgent({
        credentials,
        fetch,
        hooks,
        oauth,
        run: async (agent) => {
          // The PDS lists the repo's own records newest first; no AppView needed.
          const { data } = await agent.com.atproto.repo.listRecords({
            repo: credentials.did,
            collection: POST_COLLECTION,
            limit: 50,
          });
          const after = query.since.getTime() - CLOCK_SKEW_MS;
          const match = data.records.find((record) => {
            const value = record.value as { text?: unknown; createdAt?: unknown };
            return (
              value.text === query.text &&
              typeof value.createdAt === 'string' &&
              Date.parse(value.createdAt) >= after
            );
          });
          return match ? { remoteId: match.uri, url: postUrl(new AtUri(match.uri)) } : undefined;
        },
      }),

    async delete(credentials, remoteId, hooks) {
      const uri = ownPostUri(credentials, remoteId);
      // deleteRecord succeeds for a record that is already gone, which is what we want.
      await withBlueskyAgent({
        credentials,
        fetch,
        hooks,
        oauth,
        run: (agent) =>
          agent.com.atproto.repo.deleteRecord({
            repo: uri.host,
            collection: POST_COLLECTION,
            rkey: uri.rkey,
          }),
      });
    },

    /**
     * Counts come from the AppView (the PDS proxies `app.bsky.feed.getPosts` to it): a PDS
     * without one answers 502 UpstreamFailure, which surfaces as transient.
     */
    fetchMetrics: (credentials, remoteId, hooks) =>
      withBlueskyAgent({
        credentials,
        fetch,
        hooks,
        oauth,
        run: async (agent): Promise<PostMetrics> => {
          const { data } = await agent.app.bsky.feed.getPosts({ uris: [remoteId] });
          const post = data.posts[0];
          if (!post)
            throw new ConnectorError({
              network: 'bluesky',
              kind: 'content_rejected',
              reason: 'The post no longer exists on Bluesky.',
            });
          return {
            likes: post.likeCount,
            reposts: post.repostCount,
            replies: post.replyCount,
            quotes: post.quoteCount,
          };
        },
      }),
  };
}

/** Only posts in the connected account's own repository can be ours to delete. */
function ownPostUri(credentials: BlueskyCredentials, remoteId: string): AtUri {
  let uri: AtUri;
  try {
    uri = new AtUri(remoteId);
  } catch {
    throw new ConnectorError({
      network: 'bluesky',
      kind: 'content_rejected',
      reason: 'That is not a Bluesky post address.',
    });
  }
  if (uri.host !== credentials.did || uri.collection !== POST_COLLECTION) {
    throw new ConnectorError({
      network: 'bluesky',
      kind: 'content_rejected',
      reason: 'That post does not belong to this account.',
    });
  }
  return uri;
}
