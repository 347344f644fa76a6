import type { MastodonConnector } from '../mastodon/mastodon-connector.js';
import type { MastodonApp, MastodonCredentials } from '../mastodon/mastodon-credentials.js';
import { registerMastodonApp } from '../mastodon/register-app.js';
import type { SnacInstance } from './snac-instance.js';

/** The callback Bedside would receive; nothing listens there, the test reads the redirect. */
export const TEST_REDIRECT_URI = 'http://127.0.0.1:9/oauth/mastodon/callback';

export interface SnacConnection {
  app: MastodonApp;
  credentials: MastodonCredentials;
}

/**
 * The OAuth dance without a browser (NETWORKS.md §2 steps 1–4), through the connector's own
 * code: register the app, open the authorize URL the connector built, submit snac's login form
 * as the person would, read `code` and `state` from the redirect, and finish.
 */
export async function connectSnacAccount(
  connector: MastodonConnector,
  instance: SnacInstance,
): Promise<SnacConnection> {
  const app = await registerMastodonApp({
    instanceUrl: instance.baseUrl,
    redirectUri: TEST_REDIRECT_URI,
  });
  const start = await connector.authorize.start({ app });

  const page = await fetch(start.url);
  const form = await page.text();
  if (!page.ok || !form.includes('x-snac-login'))
    throw new Error(`snac's authorize page did not show its login form (HTTP ${page.status})`);

  const login = await fetch(`${instance.baseUrl}/oauth/x-snac-login`, {
    method: 'POST',
    body: new URLSearchParams({
      login: instance.user,
      passwd: instance.password,
      redir: app.redirectUri,
      cid: app.clientId,
      state: start.state,
    }),
    redirect: 'manual',
  });
  const location = login.headers.get('location');
  if (!location) throw new Error(`snac's login did not redirect (HTTP ${login.status})`);
  const callback = new URL(location);
  const code = callback.searchParams.get('code');
  if (!code || callback.searchParams.get('state') !== start.state)
    throw new Error('The callback lacks the code or carries another state');

  const credentials = await connector.authorize.finish({
    app,
    code,
    codeVerifier: start.codeVerifier,
  });
  return { app, credentials };
}
