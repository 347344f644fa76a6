import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AuthorizationStart, OAuthAuthorization } from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import type { MastodonClient } from './mastodon-client.js';
import type { MastodonApp, MastodonCredentials } from './mastodon-credentials.js';

export interface MastodonAuthorizeStart {
  app: MastodonApp;
}

export interface MastodonAuthorizeFinish {
  app: MastodonApp;
  /** The `code` from the callback; check its `state` against the start's first. */
  code: string;
  codeVerifier: string | undefined;
}

export type MastodonAuthorization = OAuthAuthorization<
  MastodonAuthorizeStart,
  MastodonAuthorizeFinish,
  MastodonCredentials
>;

const tokenSchema = z.object({ access_token: z.string().min(1) });

/**
 * The OAuth authorization-code flow with PKCE (S256). Mastodon 4.3+ checks the verifier; older
 * servers and snac ignore it, and the code flow stays safe through the client secret and `state`.
 */
export function mastodonAuthorization(
  clientFor: (instanceUrl: string, secrets: string[]) => MastodonClient,
): MastodonAuthorization {
  return {
    kind: 'oauth',
    start({ app }) {
      const state = randomBytes(24).toString('base64url');
      const codeVerifier = randomBytes(32).toString('base64url');
      const url = new URL('/oauth/authorize', app.instanceUrl);
      url.search = new URLSearchParams({
        client_id: app.clientId,
        response_type: 'code',
        redirect_uri: app.redirectUri,
        scope: app.scopes,
        state,
        code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
        code_challenge_method: 'S256',
      }).toString();
      return Promise.resolve<AuthorizationStart>({ url: url.toString(), state, codeVerifier });
    },

    async finish({ app, code, codeVerifier }) {
      const body = new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: app.clientId,
        client_secret: app.clientSecret,
        redirect_uri: app.redirectUri,
        scope: app.scopes,
      });
      if (codeVerifier) body.set('code_verifier', codeVerifier);
      const client = clientFor(app.instanceUrl, [app.clientSecret, code, codeVerifier ?? '']);
      try {
        const { data } = await client.request({
          method: 'POST',
          path: '/oauth/token',
          body,
          schema: tokenSchema,
          what: 'the token request',
        });
        return {
          instanceUrl: app.instanceUrl,
          accessToken: data.access_token,
          clientId: app.clientId,
          clientSecret: app.clientSecret,
        };
      } catch (error) {
        // A refused code (invalid_grant) means this attempt is over: the person has to start again.
        if (error instanceof ConnectorError && error.kind === 'content_rejected') {
          throw new ConnectorError({
            network: 'mastodon',
            kind: 'reconnect_needed',
            reason: `The instance did not accept the authorization. ${error.reason}`.trim(),
            status: error.status,
          });
        }
        throw error;
      }
    },
  };
}
