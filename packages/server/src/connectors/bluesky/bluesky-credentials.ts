/**
 * One connected Bluesky account (app-password session). The access token lives two hours and
 * the refresh token ninety days; a refresh rotates both, so store what `onRefreshed` hands back.
 */
export interface BlueskyCredentials {
  /** The account's own PDS (from its DID document), not the entryway it logged in through. */
  service: string;
  did: string;
  handle: string;
  accessJwt: string;
  refreshJwt: string;
}

export interface BlueskyLogin {
  /** Where to log in; `https://bsky.social` for most people. */
  service?: string;
  /** A handle (`clinic.bsky.social`), a DID or the account's email. */
  identifier: string;
  /** An app password (Settings → App passwords), never the account password. */
  password: string;
}

export const BLUESKY_DEFAULT_SERVICE = 'https://bsky.social';
