import {
  createBlueskyConnector,
  type BlueskyConnector,
} from '../../connectors/bluesky/bluesky-connector.js';
import {
  createFacebookConnector,
  type FacebookConnector,
} from '../../connectors/facebook/facebook-connector.js';
import {
  createGoogleBusinessConnector,
  type GoogleBusinessConnector,
} from '../../connectors/google-business/google-business-connector.js';
import { serviceAddressGuard } from '../../connectors/service-address.js';
import {
  createInstagramConnector,
  type InstagramConnector,
} from '../../connectors/instagram/instagram-connector.js';
import {
  createLinkedInConnector,
  type LinkedInConnector,
} from '../../connectors/linkedin/linkedin-connector.js';
import {
  createMastodonConnector,
  type MastodonConnector,
} from '../../connectors/mastodon/mastodon-connector.js';
import type { MastodonApp } from '../../connectors/mastodon/mastodon-credentials.js';
import {
  registerMastodonApp,
  type RegisterMastodonAppOptions,
} from '../../connectors/mastodon/register-app.js';
import { DEFAULT_NETWORK_ENDPOINTS, type OAuthClient } from '../../connectors/network-endpoints.js';
import { createXConnector, type XConnector } from '../../connectors/x/x-connector.js';
import type { NetworksConfig } from '../../config/networks-config.js';

/** The network connectors the channel operations use: the real ones in the app, the same in tests. */
export interface ChannelConnectors {
  bluesky: BlueskyConnector;
  mastodon: MastodonConnector;
  facebook: FacebookConnector;
  instagram: InstagramConnector;
  linkedin: LinkedInConnector;
  x: XConnector;
  gbp: GoogleBusinessConnector;
  registerMastodonApp(options: RegisterMastodonAppOptions): Promise<MastodonApp>;
  /** Which OAuth networks have an app configured (connecting needs one). */
  configured: Record<'facebook' | 'instagram' | 'linkedin' | 'x' | 'gbp', boolean>;
  /** The network config, when built from one: the connect flows check user-given servers against it. */
  networks?: NetworksConfig;
}

const NO_CLIENT: OAuthClient = { clientId: '', clientSecret: '' };

/**
 * A fetch that refuses server addresses the config does not allow (user-given Mastodon and
 * Bluesky servers), for the connectors and the inbound sources alike; none without a config.
 */
export function guardedFetch(
  networks: NetworksConfig | undefined,
  network: 'bluesky' | 'mastodon',
): typeof globalThis.fetch | undefined {
  return networks ? serviceAddressGuard(networks.serviceAddresses, { network }) : undefined;
}

/**
 * Builds every connector. The app passes `config.networks`: API hosts, OAuth apps, and the
 * address policy that keeps user-given servers (Mastodon, Bluesky) off private networks on every
 * request. Tests that build connectors themselves may leave it out (no address guard then).
 */
export function createChannelConnectors(
  options: { timeoutMs?: number; networks?: NetworksConfig } = {},
): ChannelConnectors {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const { networks } = options;
  const endpoints = networks?.endpoints ?? DEFAULT_NETWORK_ENDPOINTS;
  const clients = networks?.clients ?? {};
  const guarded = (network: 'bluesky' | 'mastodon') => guardedFetch(networks, network);
  return {
    bluesky: createBlueskyConnector({
      timeoutMs,
      fetch: guarded('bluesky'),
      oauth: {
        plcDirectoryUrl: networks?.bluesky?.plcUrl,
        handleResolverUrl: networks?.bluesky?.handleResolverUrl,
        // Plain-HTTP authorization servers only where local servers are allowed at all.
        allowHttp: networks !== undefined && networks.serviceAddresses !== 'public',
      },
    }),
    mastodon: createMastodonConnector({ timeoutMs, fetch: guarded('mastodon') }),
    facebook: createFacebookConnector({
      endpoints: endpoints.meta,
      client: clients.meta ?? NO_CLIENT,
      timeoutMs,
    }),
    instagram: createInstagramConnector({
      endpoints: endpoints.meta,
      client: clients.meta ?? NO_CLIENT,
      timeoutMs,
    }),
    linkedin: createLinkedInConnector({
      endpoints: endpoints.linkedin,
      client: clients.linkedin ?? NO_CLIENT,
      timeoutMs,
    }),
    x: createXConnector({ endpoints: endpoints.x, client: clients.x ?? NO_CLIENT, timeoutMs }),
    gbp: createGoogleBusinessConnector({
      endpoints: endpoints.google,
      client: clients.google ?? NO_CLIENT,
      timeoutMs,
    }),
    registerMastodonApp: (app) =>
      registerMastodonApp({ timeoutMs, ...app, fetch: guarded('mastodon') }),
    configured: {
      facebook: Boolean(clients.meta),
      instagram: Boolean(clients.meta),
      linkedin: Boolean(clients.linkedin),
      x: Boolean(clients.x),
      gbp: Boolean(clients.google),
    },
    networks,
  };
}
