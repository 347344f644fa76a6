import { createBlueskyInbound } from '../../connectors/bluesky/bluesky-inbound.js';
import type { InboundSource } from '../../connectors/inbound.js';
import { createMastodonInbound } from '../../connectors/mastodon/mastodon-inbound.js';
import type { NetworksConfig } from '../../config/networks-config.js';
import { createChannelConnectors, guardedFetch } from '../channels/channel-connectors.js';

/**
 * The inbound adapters by network name (the channel's `network`). Networks without one here
 * cannot be polled yet; connectors adds Google, Facebook, Instagram, LinkedIn and X.
 */
export type InboundSources = Partial<Record<string, InboundSource<unknown>>>;

/**
 * With `networks` (the app's config) user-given servers are held to the allowed addresses, as the
 * connectors are, and OAuth-connected Bluesky accounts resolve through the configured PLC and
 * handle resolver (a local PDS in tests).
 */
export function createInboundSources(
  options: { timeoutMs?: number; networks?: NetworksConfig } = {},
): InboundSources {
  const { timeoutMs, networks } = options;
  const oauth = networks
    ? createChannelConnectors({ timeoutMs, networks }).bluesky.oauth
    : undefined;
  return {
    bluesky: createBlueskyInbound({
      timeoutMs,
      fetch: guardedFetch(networks, 'bluesky'),
      oauth,
    }) as InboundSource<unknown>,
    mastodon: createMastodonInbound({
      timeoutMs,
      fetch: guardedFetch(networks, 'mastodon'),
    }) as InboundSource<unknown>,
  };
}
