import type { NodeSavedSession } from '@atproto/oauth-client-node';

/**
 * What an atproto OAuth connection keeps (sealed with the rest of the credentials): the client
 * it was granted to (a refresh must come from the same client) and the library's saved session —
 * the DPoP-bound token set and the DPoP private key as a JWK.
 */
export interface BlueskyOAuthGrant {
  clientId: string;
  redirectUri: string;
  session: NodeSavedSession;
}
