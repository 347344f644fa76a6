import { z } from 'zod';
import { fetchWithTimeout } from '../http/fetch-with-timeout.js';
import { createMastodonClient } from './mastodon-client.js';
import { MASTODON_SCOPES, normalizeInstanceUrl, type MastodonApp } from './mastodon-credentials.js';

export interface RegisterMastodonAppOptions {
  instanceUrl: string;
  /** Where the instance sends the browser back with `?code=…&state=…`. */
  redirectUri: string;
  /** Shown to the person on the instance's consent screen. */
  clientName?: string;
  website?: string;
  scopes?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const appSchema = z.object({ client_id: z.string().min(1), client_secret: z.string().min(1) });

/**
 * Registers Bedside as an OAuth app on an instance. Every Mastodon server is its own OAuth
 * provider, so this runs once per instance the first time a practice connects an account there.
 *
 * @example
 * const app = await registerMastodonApp({ instanceUrl: 'mastodon.social', redirectUri })
 */
export async function registerMastodonApp(
  options: RegisterMastodonAppOptions,
): Promise<MastodonApp> {
  const instanceUrl = normalizeInstanceUrl(options.instanceUrl);
  const scopes = options.scopes ?? MASTODON_SCOPES;
  const client = createMastodonClient({
    instanceUrl,
    fetch: fetchWithTimeout(options.timeoutMs ?? 15_000, options.fetch),
  });
  const body: Record<string, unknown> = {
    client_name: options.clientName ?? 'Bedside',
    redirect_uris: options.redirectUri,
    scopes,
  };
  if (options.website) body.website = options.website;
  const { data } = await client.request({
    method: 'POST',
    path: '/api/v1/apps',
    body,
    schema: appSchema,
    what: 'registering the app',
  });
  return {
    instanceUrl,
    clientId: data.client_id,
    clientSecret: data.client_secret,
    redirectUri: options.redirectUri,
    scopes,
  };
}
