import type { Config } from '../../config/config.js';
import type { DatabaseHandle } from '../../db/database.js';
import { defaultMediaStore, type MediaStore } from '../../media/media-store.js';
import { createMediaLinkSigner } from '../../media/public-media-url.js';
import type { SecretBox } from '../../security/secret-box.js';
import { createChannelConnectors, type ChannelConnectors } from '../channels/channel-connectors.js';
import { appLimitsWith } from './app-limits.js';
import type { DispatchLog } from './dispatch-deps.js';
import { Dispatcher, dispatchWorkerName } from './dispatcher.js';

/** Starts this process's publishing loop (processes with the `worker` role). */
export function startDispatcher(services: {
  config: Config;
  database: DatabaseHandle;
  box: SecretBox;
  log: DispatchLog;
  connectors?: ChannelConnectors;
  mediaStore?: MediaStore;
}): Dispatcher {
  const media = services.mediaStore ?? defaultMediaStore(services.config.dataDir);
  const dispatcher = new Dispatcher(
    {
      db: services.database.db,
      dialect: services.database.dialect,
      box: services.box,
      connectors: services.connectors ?? createChannelConnectors(),
      owner: dispatchWorkerName(),
      log: services.log,
      loadMedia: ({ storageKey }) => media.get(storageKey),
      mediaLinks: createMediaLinkSigner(services.config.mediaUrls),
      appLimits: appLimitsWith(services.config.dispatch.appLimits),
    },
    {
      leaseMs: services.config.dispatch.leaseSeconds * 1000,
      concurrency: services.config.dispatch.concurrency,
    },
  );
  dispatcher.start();
  return dispatcher;
}
