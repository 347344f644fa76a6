import type { BlueskyOAuthGrant } from './bluesky-oauth-grant.js';

/**
 * One connected Bluesky account: an app-password session, or (with `oauth` set) an atproto
 * OAuth session. App password: the access token lives two hours and the refresh token ninety
 * days. Either way a refresh rotates the tokens, so store what `onRefreshed` hands back.
 */
export interface BlueskyCredentials {
  /** The account's own PDS (from its DID document), not the entryway it logged in through. */
  service: string;
  did: string;
  handle: string;
  /** App-password session tokens; empty strings for an OAuth session. */
  accessJwt: string;
  refreshJwt: string;
  /** Set when the account was connected through atproto OAuth (DPoP-bound tokens). */
  oauth?: BlueskyOAuthGrant;
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
