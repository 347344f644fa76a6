import { z } from 'zod';
import {
  networkEndpoints,
  type NetworkEndpoints,
  type OAuthClient,
} from '../connectors/network-endpoints.js';

const url = z.string().url().optional();
const secret = z.string().min(1).optional();

/** The environment variables of the social networks (read only through config.ts). */
export const networksEnvSchema = z.object({
  BEDSIDE_META_APP_ID: secret,
  BEDSIDE_META_APP_SECRET: secret,
  BEDSIDE_LINKEDIN_CLIENT_ID: secret,
  BEDSIDE_LINKEDIN_CLIENT_SECRET: secret,
  BEDSIDE_X_CLIENT_ID: secret,
  BEDSIDE_X_CLIENT_SECRET: secret,
  BEDSIDE_GOOGLE_CLIENT_ID: secret,
  BEDSIDE_GOOGLE_CLIENT_SECRET: secret,
  BEDSIDE_META_GRAPH_URL: url,
  BEDSIDE_META_LOGIN_URL: url,
  BEDSIDE_LINKEDIN_API_URL: url,
  BEDSIDE_LINKEDIN_LOGIN_URL: url,
  BEDSIDE_X_API_URL: url,
  BEDSIDE_X_LOGIN_URL: url,
  BEDSIDE_GOOGLE_API_URL: url,
  BEDSIDE_GOOGLE_LOGIN_URL: url,
  /**
   * Bluesky OAuth identity resolution: the PLC directory (default https://plc.directory) and an
   * XRPC service that resolves handles (default: DNS and `/.well-known/atproto-did`). Set both
   * for a local PDS (development, tests).
   */
  BEDSIDE_BLUESKY_PLC_URL: url,
  BEDSIDE_BLUESKY_HANDLE_RESOLVER_URL: url,
  /**
   * Which addresses a Mastodon instance or Bluesky PDS typed by a user may resolve to: `public`
   * (the default: never private, loopback or link-local — no SSRF), `loopback` (also this
   * computer: development and tests against local servers), `private` (also private ranges).
   */
  BEDSIDE_SERVICE_ADDRESSES: z.enum(['public', 'loopback', 'private']).default('public'),
});

export type ServiceAddressPolicy = 'public' | 'loopback' | 'private';

export interface NetworksConfig {
  endpoints: NetworkEndpoints;
  /** The OAuth app per provider; absent when the administrator has not set one up. */
  clients: { meta?: OAuthClient; linkedin?: OAuthClient; x?: OAuthClient; google?: OAuthClient };
  serviceAddresses: ServiceAddressPolicy;
  /** Where Bluesky OAuth resolves DIDs and handles; absent: the real network's defaults. */
  bluesky?: { plcUrl?: string; handleResolverUrl?: string };
}

function client(id: string | undefined, secretValue: string | undefined): OAuthClient | undefined {
  return id ? { clientId: id, clientSecret: secretValue ?? '' } : undefined;
}

export function networksConfig(e: z.infer<typeof networksEnvSchema>): NetworksConfig {
  return {
    endpoints: networkEndpoints({
      metaGraphUrl: e.BEDSIDE_META_GRAPH_URL,
      metaLoginUrl: e.BEDSIDE_META_LOGIN_URL,
      linkedinApiUrl: e.BEDSIDE_LINKEDIN_API_URL,
      linkedinLoginUrl: e.BEDSIDE_LINKEDIN_LOGIN_URL,
      xApiUrl: e.BEDSIDE_X_API_URL,
      xLoginUrl: e.BEDSIDE_X_LOGIN_URL,
      googleApiUrl: e.BEDSIDE_GOOGLE_API_URL,
      googleLoginUrl: e.BEDSIDE_GOOGLE_LOGIN_URL,
    }),
    clients: {
      meta: client(e.BEDSIDE_META_APP_ID, e.BEDSIDE_META_APP_SECRET),
      linkedin: client(e.BEDSIDE_LINKEDIN_CLIENT_ID, e.BEDSIDE_LINKEDIN_CLIENT_SECRET),
      x: client(e.BEDSIDE_X_CLIENT_ID, e.BEDSIDE_X_CLIENT_SECRET),
      google: client(e.BEDSIDE_GOOGLE_CLIENT_ID, e.BEDSIDE_GOOGLE_CLIENT_SECRET),
    },
    serviceAddresses: e.BEDSIDE_SERVICE_ADDRESSES,
    bluesky: {
      plcUrl: e.BEDSIDE_BLUESKY_PLC_URL,
      handleResolverUrl: e.BEDSIDE_BLUESKY_HANDLE_RESOLVER_URL,
    },
  };
}
