/**
 * The app Bedside registered on one Mastodon instance (`POST /api/v1/apps`). Register once per
 * instance and redirect URI and keep it (sealed: it holds the client secret); every account on
 * that instance connects through it.
 */
export interface MastodonApp {
  /** The instance's base URL, e.g. `https://mastodon.social`, without a trailing slash. */
  instanceUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string;
}

/** One connected Mastodon account. Mastodon tokens do not expire; they stop working when revoked. */
export interface MastodonCredentials {
  instanceUrl: string;
  accessToken: string;
  clientId: string;
  clientSecret: string;
}

/**
 * What Bedside asks for: reading the account, its statuses and notifications (for the inbox),
 * and writing statuses and media. Nothing else (no follows, no account changes).
 */
export const MASTODON_SCOPES =
  'read:accounts read:statuses read:notifications write:statuses write:media';

/** `https://Example.social/` → `https://example.social`: one spelling per instance. */
export function normalizeInstanceUrl(input: string): string {
  const url = new URL(input.includes('://') ? input : `https://${input}`);
  return `${url.protocol}//${url.host}`.toLowerCase();
}
