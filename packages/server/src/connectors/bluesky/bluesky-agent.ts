import { AtpAgent, type Agent, type AtpSessionData } from '@atproto/api';
import type { CallHooks } from '../connector.js';
import { toBlueskyError } from './bluesky-errors.js';
import type { BlueskyCredentials } from './bluesky-credentials.js';
import { createBlueskyOAuth, type BlueskyOAuth } from './bluesky-oauth.js';

export interface BlueskyCall<T> {
  credentials: BlueskyCredentials;
  fetch: typeof fetch;
  hooks: CallHooks<BlueskyCredentials> | undefined;
  /**
   * The agent is an AtpAgent on an app-password session, or an Agent on an atproto OAuth
   * session: use only what `Agent` has (XRPC namespaces, post, uploadBlob).
   */
  run: (agent: Agent) => Promise<T>;
  /**
   * Where OAuth sessions resolve identities (a local PLC, plain HTTP). Without it an OAuth
   * session uses the real network's defaults (plc.directory, https only).
   */
  oauth?: BlueskyOAuth;
}

/**
 * Runs one call as the account. The agent refreshes an expired access token by itself and the
 * PDS then revokes the old refresh token, so a rotation is handed to `hooks.onRefreshed` before
 * this returns — even when the call itself fails afterwards.
 */
export async function withBlueskyAgent<T>(call: BlueskyCall<T>): Promise<T> {
  const { credentials } = call;
  if (credentials.oauth) {
    const oauth = call.oauth ?? createBlueskyOAuth({ fetch: call.fetch });
    return oauth.withSession({
      credentials: { ...credentials, oauth: credentials.oauth },
      hooks: call.hooks,
      run: call.run,
    });
  }
  let refreshed: AtpSessionData | undefined;
  const agent = new AtpAgent({
    service: credentials.service,
    fetch: call.fetch,
    persistSession: (event, session) => {
      if (event === 'update' && session) refreshed = session;
    },
  });
  // Set the session directly rather than `resumeSession`, which costs a round trip per call.
  agent.sessionManager.session = {
    did: credentials.did,
    handle: credentials.handle,
    accessJwt: credentials.accessJwt,
    refreshJwt: credentials.refreshJwt,
    active: true,
  };
  try {
    return await call.run(agent);
  } catch (error) {
    throw toBlueskyError(error, [
      credentials.accessJwt,
      credentials.refreshJwt,
      refreshed?.accessJwt,
      refreshed?.refreshJwt,
    ]);
  } finally {
    if (refreshed && call.hooks?.onRefreshed) {
      await call.hooks.onRefreshed({
        ...credentials,
        handle: refreshed.handle,
        accessJwt: refreshed.accessJwt,
        refreshJwt: refreshed.refreshJwt,
      });
    }
  }
}

/** The PDS the session lives on, as its DID document says, else the URL we logged in through. */
export function sessionService(agent: AtpAgent, fallback: string): string {
  return (agent.pdsUrl ?? new URL(fallback)).toString().replace(/\/$/, '');
}
