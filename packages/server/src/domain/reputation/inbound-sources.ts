import { createBlueskyInbound } from '../../connectors/bluesky/bluesky-inbound.js';
import type { InboundSource } from '../../connectors/inbound.js';
import { createMastodonInbound } from '../../connectors/mastodon/mastodon-inbound.js';

/**
 * The inbound adapters by network name (the channel's `network`). Networks without one here
 * cannot be polled yet; connectors adds Google, Facebook, Instagram, LinkedIn and X.
 */
export type InboundSources = Partial<Record<string, InboundSource<unknown>>>;

export function createInboundSources(options: { timeoutMs?: number } = {}): InboundSources {
  return {
    bluesky: createBlueskyInbound(options) as InboundSource<unknown>,
    mastodon: createMastodonInbound(options) as InboundSource<unknown>,
  };
}
