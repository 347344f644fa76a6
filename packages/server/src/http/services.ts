import type { Config } from '../config/config.js';
import type { ChannelConnectors } from '../domain/channels/channel-connectors.js';
import type { DatabaseHandle } from '../db/database.js';
import type { JobRunner } from '../jobs/job-runner.js';
import type { Logger } from '../logging/logger.js';
import type { Mailer } from '../mail/mailer.js';
import type { MediaStore } from '../media/media-store.js';
import type { SecretBox } from '../security/secret-box.js';
import type { RatingSummarySource } from '../domain/providers/rating-summary.js';
import type { InboundSources } from '../domain/reputation/inbound-sources.js';

/** What the HTTP layer is built from; tests build it with their own database and mailer. */
export interface AppServices {
  config: Config;
  database: DatabaseHandle;
  mailer: Mailer;
  box: SecretBox;
  log: Logger;
  jobs?: JobRunner;
  /** The social network connectors; the real ones when absent. */
  connectors?: ChannelConnectors;
  /** The networks' inbound adapters (reputation polling and replies); the real ones when absent. */
  inbound?: InboundSources;
  /** Where uploaded images live; `<dataDir>/media` when absent. */
  mediaStore?: MediaStore;
  /** Aggregate ratings for the public provider pages (the reputation inbox); none when absent. */
  ratingSummary?: RatingSummarySource;
  /** Where the built web app is, or null to serve the API only. */
  webRoot: string | null;
}
