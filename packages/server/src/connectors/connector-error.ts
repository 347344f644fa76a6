/**
 * What went wrong on a network, as the few things the caller can act on:
 * - `reconnect_needed`: the account's token or password no longer works; pause the channel and ask the owner.
 * - `rate_limited`: try again after `retryAfterSeconds`.
 * - `content_rejected`: the network refused this post; `reason` says why in plain words. Retrying will not help.
 * - `transient`: the network was down, slow or answered garbage; retry with backoff — after a publish,
 *   look for the post first (`findRecent`), since the network may have created it before failing.
 */
export type ConnectorErrorKind =
  'reconnect_needed' | 'rate_limited' | 'content_rejected' | 'transient';

/** The networks Bedside has connectors for (`gbp`: Google Business Profile, as the guard names it). */
export type NetworkName =
  'mastodon' | 'bluesky' | 'facebook' | 'instagram' | 'linkedin' | 'x' | 'gbp';

/** How people call each network, for messages. */
export const NETWORK_LABELS: Record<NetworkName, string> = {
  mastodon: 'The Mastodon instance',
  bluesky: 'Bluesky',
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  x: 'X',
  gbp: 'Google Business Profile',
};

interface ConnectorErrorOptions {
  network: NetworkName;
  kind: ConnectorErrorKind;
  /** Plain words, safe to show to the practice: never a token, never the post body. */
  reason: string;
  retryAfterSeconds?: number;
  /** The HTTP status the network answered with, when it answered. */
  status?: number;
}

/**
 * The one error every connector throws. Messages are built from the network's error text after
 * known secrets were removed (see `redactSecrets`), so they can be logged and shown.
 *
 * @example
 * if (error instanceof ConnectorError && error.kind === 'rate_limited') retryIn(error.retryAfterSeconds)
 */
export class ConnectorError extends Error {
  readonly network: NetworkName;
  readonly kind: ConnectorErrorKind;
  readonly reason: string;
  readonly retryAfterSeconds: number | undefined;
  readonly status: number | undefined;

  constructor(options: ConnectorErrorOptions) {
    super(`${options.network}: ${options.reason}`);
    this.name = 'ConnectorError';
    this.network = options.network;
    this.kind = options.kind;
    this.reason = options.reason;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.status = options.status;
  }
}

const MAX_REASON_LENGTH = 300;

/**
 * Removes every known secret (tokens, passwords, client secrets) from text a network sent back,
 * and keeps it short: some servers echo request parameters into their error messages.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let clean = text;
  for (const secret of secrets)
    if (secret && secret.length >= 4) clean = clean.split(secret).join('[redacted]');
  clean = clean.replace(/\s+/g, ' ').trim();
  return clean.length > MAX_REASON_LENGTH ? `${clean.slice(0, MAX_REASON_LENGTH - 1)}…` : clean;
}
