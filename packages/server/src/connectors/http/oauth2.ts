import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { NetworkHttp, NetworkRefusal } from './network-http.js';
import { stringField } from './network-http.js';
import { ConnectorError, type NetworkName } from '../connector-error.js';
import type { OAuthClient } from '../network-endpoints.js';
import { retryAfterSeconds } from './retry-after.js';

/** A fresh `state` and PKCE pair (S256) for one authorization round trip. */
export function newAuthorizationSecrets(): {
  state: string;
  codeVerifier: string;
  codeChallenge: string;
} {
  const codeVerifier = randomBytes(32).toString('base64url');
  return {
    state: randomBytes(24).toString('base64url'),
    codeVerifier,
    codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'),
  };
}

export function authorizeUrl(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  url.search = new URLSearchParams(params).toString();
  return url.toString();
}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.coerce.number().positive().optional(),
  refresh_token_expires_in: z.coerce.number().positive().optional(),
  scope: z.string().optional(),
});

export interface OAuthTokens {
  accessToken: string;
  refreshToken?: string;
  /** ISO time the access token stops working; undefined when it does not expire. */
  expiresAt?: string;
  refreshTokenExpiresAt?: string;
}

/**
 * An RFC 6749 token request (authorization code or refresh). The client authenticates with HTTP
 * Basic when it has a secret (X, confidential clients) or in the body (`body`: Google, LinkedIn).
 */
export async function requestTokens(
  http: NetworkHttp,
  options: {
    url: string;
    params: Record<string, string>;
    client: OAuthClient;
    clientAuth: 'basic' | 'body';
  },
): Promise<OAuthTokens> {
  const body = new URLSearchParams({ ...options.params, client_id: options.client.clientId });
  const headers: Record<string, string> = {};
  if (options.client.clientSecret && options.clientAuth === 'basic')
    headers.authorization = `Basic ${Buffer.from(`${options.client.clientId}:${options.client.clientSecret}`).toString('base64')}`;
  else if (options.client.clientSecret) body.set('client_secret', options.client.clientSecret);
  const { data } = await http.request({
    method: 'POST',
    url: options.url,
    body,
    headers,
    schema: tokenSchema,
    what: 'the token request',
  });
  const at = (seconds: number | undefined): string | undefined =>
    seconds === undefined ? undefined : new Date(Date.now() + seconds * 1000).toISOString();
  return {
    accessToken: data.access_token,
    refreshToken: data.refresh_token,
    expiresAt: at(data.expires_in),
    refreshTokenExpiresAt: at(data.refresh_token_expires_in),
  };
}

/**
 * RFC 6749 §5.2 token-endpoint errors (`{"error":"invalid_grant", ...}`): a refused grant or
 * client means the connection is over — reconnect. Returns undefined for other bodies.
 */
export function oauthTokenError(
  network: NetworkName,
  refusal: NetworkRefusal,
  redact: (text: string) => string,
): ConnectorError | undefined {
  const code = stringField(refusal.json, 'error');
  if (!code) return undefined;
  const description = stringField(refusal.json, 'error_description');
  if (refusal.status === 429)
    return new ConnectorError({
      network,
      kind: 'rate_limited',
      status: 429,
      reason: 'Too many sign-in attempts; wait a little.',
      retryAfterSeconds: retryAfterSeconds(refusal.headers),
    });
  if (refusal.status >= 500)
    return new ConnectorError({
      network,
      kind: 'transient',
      status: refusal.status,
      reason: `The sign-in service had a problem (HTTP ${refusal.status}).`,
    });
  return new ConnectorError({
    network,
    kind: 'reconnect_needed',
    status: refusal.status,
    reason: redact(description ? `${description} (${code})` : `The sign-in was refused (${code}).`),
  });
}
