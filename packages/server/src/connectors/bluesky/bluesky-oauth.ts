import { Agent } from '@atproto/api';
import {
  atprotoLoopbackClientMetadata,
  buildAtprotoLoopbackClientId,
  isOAuthClientIdLoopback,
  NodeOAuthClient,
  type AuthorizationServerMetadataCache,
  type DpopNonceCache,
  type NodeSavedSession,
  type NodeSavedState,
  type OAuthClientMetadataInput,
  type ProtectedResourceMetadataCache,
} from '@atproto/oauth-client-node';
import type { CallHooks } from '../connector.js';
import type { BlueskyCredentials } from './bluesky-credentials.js';
import type { BlueskyOAuthGrant } from './bluesky-oauth-grant.js';
import { toBlueskyOAuthError } from './bluesky-oauth-errors.js';

/** Everything the app-password session could do (post, delete, read its repo). */
export const BLUESKY_OAUTH_SCOPE = 'atproto transition:generic';

/**
 * Where identities resolve. The defaults are the real ones (plc.directory, DNS and
 * `/.well-known/atproto-did` for handles, https only); a local PDS needs its PLC, the PDS itself
 * as the handle resolver, and plain HTTP.
 */
export interface BlueskyOAuthOptions {
  fetch: typeof fetch;
  plcDirectoryUrl?: string;
  /** An XRPC service that answers `com.atproto.identity.resolveHandle` (a PDS or AppView). */
  handleResolverUrl?: string;
  /** Allow `http:` authorization servers and PDSes (local development and tests only). */
  allowHttp?: boolean;
}

export interface BlueskyOAuthStart {
  /** The PDS's authorization page (after PAR), where the browser goes. */
  url: string;
  /** The `state` the PDS sends back: key of the pending request. */
  state: string;
  /** The pending request (PKCE verifier, DPoP private key, issuer) as JSON: seal it at rest. */
  pending: string;
  /** The authorization server that must answer (`iss` on the callback). */
  issuer: string;
}

export interface BlueskyOAuthFinish {
  clientId: string;
  redirectUri: string;
  pending: string;
  /** The callback's query: `state`, `iss` and `code`. */
  params: { state: string; iss?: string; code: string };
}

/**
 * atproto OAuth for Bluesky through @atproto/oauth-client-node (PAR, PKCE, DPoP). The library's
 * stores are per call and in memory: the pending request and the session are handed to the
 * caller, who keeps them sealed in the database, so any worker process can use a session.
 */
export interface BlueskyOAuth {
  start(input: {
    identifier: string;
    clientId: string;
    redirectUri: string;
  }): Promise<BlueskyOAuthStart>;
  finish(input: BlueskyOAuthFinish): Promise<BlueskyCredentials>;
  /** Runs `run` with an Agent on the OAuth session; a token refresh reaches `hooks.onRefreshed`. */
  withSession<T>(call: BlueskyOAuthCall<T>): Promise<T>;
}

export interface BlueskyOAuthCall<T> {
  credentials: BlueskyCredentials & { oauth: BlueskyOAuthGrant };
  hooks: CallHooks<BlueskyCredentials> | undefined;
  run: (agent: Agent) => Promise<T>;
  /** Refresh the tokens now, even when they are still fresh. */
  forceRefresh?: boolean;
}

/** True when Bedside's own address is this computer: atproto then wants a loopback client. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === '[::1]' || host === 'localhost';
}

/**
 * The client id for a Bedside at `publicUrl`. On loopback it is atproto's development client
 * (`http://localhost?redirect_uri=…&scope=…`, no metadata document: the PDS derives it); a
 * public Bedside is a web client whose id is the URL of its metadata document
 * (`blueskyClientMetadata`, served by the API). The redirect must then be https; on loopback it
 * must use the IP, 127.0.0.1 — atproto refuses `localhost` redirects.
 */
export function blueskyClientId(
  publicUrl: string,
  redirectUri: string,
  metadataUrl: string,
): string {
  if (!isLoopbackUrl(publicUrl)) return metadataUrl;
  return buildAtprotoLoopbackClientId({ scope: BLUESKY_OAUTH_SCOPE, redirect_uris: [redirectUri] });
}

/** The client metadata document for `clientId` (what the PDS reads to know Bedside). */
export function blueskyClientMetadata(
  clientId: string,
  redirectUri: string,
): OAuthClientMetadataInput {
  if (isOAuthClientIdLoopback(clientId)) return atprotoLoopbackClientMetadata(clientId);
  return {
    client_id: clientId,
    client_name: 'Bedside',
    client_uri: new URL(clientId).origin,
    redirect_uris: [redirectUri as `https://${string}`],
    scope: BLUESKY_OAUTH_SCOPE,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    // A public client: Bedside keeps no signing key for now, so the PDS gives it the shorter
    // session lifetime atproto grants public clients.
    token_endpoint_auth_method: 'none',
    application_type: 'web',
    dpop_bound_access_tokens: true,
  };
}

export function createBlueskyOAuth(options: BlueskyOAuthOptions): BlueskyOAuth {
  // Metadata and nonces are the same for every call to a server: keep them across calls.
  const shared: {
    authorizationServerMetadataCache: AuthorizationServerMetadataCache;
    protectedResourceMetadataCache: ProtectedResourceMetadataCache;
    dpopNonceCache: DpopNonceCache;
  } = {
    authorizationServerMetadataCache: memoryStore<StoredValue<AuthorizationServerMetadataCache>>(
      10 * 60_000,
    ),
    protectedResourceMetadataCache: memoryStore<StoredValue<ProtectedResourceMetadataCache>>(
      10 * 60_000,
    ),
    dpopNonceCache: memoryStore<string>(10 * 60_000),
  };
  const client = (
    clientId: string,
    redirectUri: string,
    stores: {
      states: ReturnType<typeof memoryStore<NodeSavedState>>;
      sessions: ReturnType<typeof memoryStore<NodeSavedSession>>;
    },
  ) =>
    new NodeOAuthClient({
      clientMetadata: blueskyClientMetadata(clientId, redirectUri),
      stateStore: stores.states,
      sessionStore: stores.sessions,
      ...shared,
      fetch: options.fetch,
      allowHttp: options.allowHttp ?? false,
      plcDirectoryUrl: options.plcDirectoryUrl,
      handleResolver: options.handleResolverUrl,
      requestLock,
    });

  return {
    async start({ identifier, clientId, redirectUri }) {
      const states = memoryStore<NodeSavedState>();
      try {
        const oauth = client(clientId, redirectUri, { states, sessions: memoryStore() });
        const url = await oauth.authorize(identifier, { scope: BLUESKY_OAUTH_SCOPE });
        const [entry] = states.entries();
        if (!entry) throw new Error('The OAuth client kept no pending request');
        const [state, saved] = entry;
        return { url: url.toString(), state, pending: JSON.stringify(saved), issuer: saved.iss };
      } catch (error) {
        throw toBlueskyOAuthError(error, 'start');
      }
    },

    async finish({ clientId, redirectUri, pending, params }) {
      const states = memoryStore<NodeSavedState>();
      const sessions = memoryStore<NodeSavedSession>();
      await states.set(params.state, JSON.parse(pending) as NodeSavedState);
      try {
        const oauth = client(clientId, redirectUri, { states, sessions });
        const query = new URLSearchParams({ state: params.state, code: params.code });
        if (params.iss) query.set('iss', params.iss);
        const { session } = await oauth.callback(query);
        const saved = await sessions.get(session.did);
        if (!saved) throw new Error('The OAuth client kept no session');
        const agent = new Agent(session);
        const { data } = await agent.com.atproto.server.getSession();
        return {
          service: saved.tokenSet.aud.replace(/\/$/, ''),
          did: session.did,
          handle: data.handle,
          accessJwt: '',
          refreshJwt: '',
          oauth: { clientId, redirectUri, session: saved },
        };
      } catch (error) {
        throw toBlueskyOAuthError(error, 'finish');
      }
    },

    async withSession({ credentials, hooks, run, forceRefresh }) {
      const grant = credentials.oauth;
      const sessions = memoryStore<NodeSavedSession>();
      await sessions.set(credentials.did, grant.session);
      const before = JSON.stringify(grant.session);
      try {
        const oauth = client(grant.clientId, grant.redirectUri, {
          states: memoryStore(),
          sessions,
        });
        const session = await oauth.restore(credentials.did, forceRefresh ? true : 'auto');
        return await run(new Agent(session));
      } catch (error) {
        throw toBlueskyOAuthError(error, 'call');
      } finally {
        // A refresh rotates the refresh token: the stored one is spent, so persist the new one
        // even when the call itself failed afterwards.
        const after = await sessions.get(credentials.did);
        if (after && JSON.stringify(after) !== before && hooks?.onRefreshed)
          await hooks.onRefreshed({ ...credentials, oauth: { ...grant, session: after } });
      }
    },
  };
}

/**
 * One refresh at a time per session in this process: two concurrent refreshes with the same
 * refresh token would make the PDS revoke the session. (Workers in other processes are not
 * covered; the dispatcher claims one target per channel at a time.)
 */
const locks = new Map<string, Promise<unknown>>();
async function requestLock<T>(name: string, fn: () => T | PromiseLike<T>): Promise<T> {
  const previous = locks.get(name) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(fn);
  locks.set(name, next);
  try {
    return await next;
  } finally {
    if (locks.get(name) === next) locks.delete(name);
  }
}

type StoredValue<S extends { set: (key: string, value: never) => unknown }> = Parameters<
  S['set']
>[1];

/** The library's SimpleStore in memory, with an optional time to live. */
function memoryStore<V>(ttlMs?: number) {
  const map = new Map<string, { value: V; expires: number }>();
  return {
    get(key: string): V | undefined {
      const hit = map.get(key);
      if (!hit) return undefined;
      if (hit.expires < Date.now()) {
        map.delete(key);
        return undefined;
      }
      return hit.value;
    },
    set(key: string, value: V): void {
      map.set(key, { value, expires: ttlMs ? Date.now() + ttlMs : Number.POSITIVE_INFINITY });
    },
    del(key: string): void {
      map.delete(key);
    },
    entries(): Array<[string, V]> {
      return [...map.entries()].map(([key, hit]) => [key, hit.value]);
    },
  };
}
