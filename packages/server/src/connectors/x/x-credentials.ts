/**
 * One connected X account (OAuth 2 with PKCE). Access tokens last two hours; with
 * `offline.access` a refresh token comes too, and every refresh rotates it — store what
 * `onRefreshed` hands back or the next refresh fails.
 */
export interface XCredentials {
  userId: string;
  username: string;
  accessToken: string;
  refreshToken?: string;
  expiresAt?: string;
}

/** Post, read the account and its mentions (the inbox), upload media, and stay connected. */
export const X_SCOPES = 'tweet.read tweet.write users.read media.write offline.access';
