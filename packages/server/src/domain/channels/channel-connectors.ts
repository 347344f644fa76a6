import {
  createBlueskyConnector,
  type BlueskyConnector,
} from '../../connectors/bluesky/bluesky-connector.js';
import {
  createMastodonConnector,
  type MastodonConnector,
} from '../../connectors/mastodon/mastodon-connector.js';
import type { MastodonApp } from '../../connectors/mastodon/mastodon-credentials.js';
import {
  registerMastodonApp,
  type RegisterMastodonAppOptions,
} from '../../connectors/mastodon/register-app.js';

/** The network connectors the channel operations use: the real ones in the app, the same in tests. */
export interface ChannelConnectors {
  bluesky: BlueskyConnector;
  mastodon: MastodonConnector;
  registerMastodonApp(options: RegisterMastodonAppOptions): Promise<MastodonApp>;
}

export function createChannelConnectors(options: { timeoutMs?: number } = {}): ChannelConnectors {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    bluesky: createBlueskyConnector({ timeoutMs }),
    mastodon: createMastodonConnector({ timeoutMs }),
    registerMastodonApp: (app) => registerMastodonApp({ timeoutMs, ...app }),
  };
}
