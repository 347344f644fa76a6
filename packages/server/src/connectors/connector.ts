import type { NetworkName } from './connector-error.js';

export type { ConnectorErrorKind, NetworkName } from './connector-error.js';
export { ConnectorError } from './connector-error.js';

/**
 * The port between Bedside and a social network. One implementation per network folder
 * (`mastodon/`, `bluesky/`); the dispatcher, the channel screens and the consent revocation job
 * use only this interface. Every failure is a `ConnectorError`.
 *
 * Credentials are plain objects (`C`) that the caller seals with the SecretBox before storing;
 * connectors keep nothing between calls.
 *
 * @example
 * const post = await connector.publish(credentials, { text, idempotencyKey: target.id })
 */
export interface Connector<C, A extends ConnectorAuthorization<C>> {
  readonly network: NetworkName;
  /** How an account is connected: an OAuth flow or an app password. */
  readonly authorize: A;
  /** New credentials where the network rotates them; the same ones where tokens do not expire. */
  refresh(credentials: C, hooks?: CallHooks<C>): Promise<C>;
  /** Proves the credentials still work and says whose account they open. */
  validate(credentials: C, hooks?: CallHooks<C>): Promise<AccountInfo>;
  /** The text and media limits for this account (Mastodon: its instance's own). */
  limits(credentials: C): Promise<NetworkLimits>;
  publish(credentials: C, post: PublishInput, hooks?: CallHooks<C>): Promise<PublishedPost>;
  /**
   * Looks for a post with this exact text created since `since`. After a publish timed out, the
   * dispatcher calls this before trying again, so a post that did arrive is not sent twice.
   */
  findRecent(
    credentials: C,
    query: RecentPostQuery,
    hooks?: CallHooks<C>,
  ): Promise<PublishedPost | undefined>;
  /** Deletes a post; a post that is already gone counts as deleted. */
  delete(credentials: C, remoteId: string, hooks?: CallHooks<C>): Promise<void>;
  fetchMetrics(credentials: C, remoteId: string, hooks?: CallHooks<C>): Promise<PostMetrics>;
}

export type ConnectorAuthorization<C> =
  | OAuthAuthorization<never, never, C>
  | PasswordAuthorization<never, C>
  | OAuthAccountsAuthorization<never, never, C>;

/** A browser round trip: send the person to `url`, then `finish` with the code the network returns. */
export interface OAuthAuthorization<StartOptions, FinishOptions, C> {
  readonly kind: 'oauth';
  start(options: StartOptions): Promise<AuthorizationStart>;
  finish(options: FinishOptions): Promise<C>;
}

export interface AuthorizationStart {
  url: string;
  /** Compare with the `state` on the callback before calling `finish` (CSRF). */
  state: string;
  /** The PKCE verifier; keep it server-side with the state until `finish`. */
  codeVerifier?: string;
}

/**
 * A browser round trip after which the person chooses what to connect: one login opens several
 * accounts (Facebook Pages and their Instagram accounts, LinkedIn organizations, Google Business
 * locations; X opens exactly one). Each comes with its own credentials.
 */
export interface OAuthAccountsAuthorization<StartOptions, FinishOptions, C> {
  readonly kind: 'oauth_accounts';
  start(options: StartOptions): Promise<AuthorizationStart>;
  finish(options: FinishOptions): Promise<ConnectableAccount<C>[]>;
}

export interface ConnectableAccount<C> {
  account: AccountInfo;
  credentials: C;
}

/** A login with an identifier and an app-specific password, as Bluesky offers. */
export interface PasswordAuthorization<LoginOptions, C> {
  readonly kind: 'app_password';
  login(options: LoginOptions): Promise<C>;
}

/**
 * Some networks rotate credentials during an ordinary call (Bluesky refreshes an expired access
 * token and revokes the old refresh token). The caller must store the new ones, or the channel
 * needs reconnecting later; `onRefreshed` is awaited before the call returns.
 */
export interface CallHooks<C> {
  onRefreshed?: (next: C) => Promise<void>;
}

export interface AccountInfo {
  /** The network's stable id for the account (Mastodon account id, Bluesky DID). */
  id: string;
  /** What people see: `@clinic@example.social`, `clinic.bsky.social`. */
  handle: string;
  displayName: string;
  url: string | undefined;
}

export interface NetworkLimits {
  maxCharacters: number;
  /**
   * How the network counts: see `countCharacters` in @bedside/guard (`x`: twitter-text's weighted
   * length; `code_points`: plain characters, as Facebook, Instagram, LinkedIn and Google count).
   */
  counting: 'graphemes' | 'mastodon' | 'x' | 'code_points';
  maxImages: number;
  maxImageBytes: number;
  imageMimeTypes: ReadonlyArray<string>;
}

export interface MediaInput {
  bytes: Uint8Array;
  mimeType: string;
  /** Required by Bedside for every image: screen-reader users are patients too. */
  altText: string;
  /**
   * An address the network itself can fetch the image from. Instagram and Google Business Profile
   * take images only this way (no uploads); the others upload `bytes` and ignore it.
   */
  publicUrl?: string;
}

export interface PublishInput {
  text: string;
  media?: ReadonlyArray<MediaInput>;
  /** Stable per post target: a network that supports it (Mastodon) de-duplicates retries by it. */
  idempotencyKey: string;
}

export interface PublishedPost {
  /** What `delete` and `fetchMetrics` take: a Mastodon status id, a Bluesky `at://` URI. */
  remoteId: string;
  /** A web address people can open; undefined when the network gives none. */
  url: string | undefined;
}

export interface RecentPostQuery {
  since: Date;
  text: string;
}

/** Counts as the network reports them; `undefined` where the network does not say. */
export interface PostMetrics {
  likes: number | undefined;
  reposts: number | undefined;
  replies: number | undefined;
  quotes: number | undefined;
}
