import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import * as foundation from './20261127000000-foundation.js';
import * as channels from './20261128000000-channels.js';
import * as notifications from './20261128005000-notifications.js';
import * as posts from './20261128010000-posts.js';
import * as postVariantRemoval from './20261128011000-post-variant-removal.js';
import * as dispatch from './20261128020000-dispatch.js';
import * as consents from './20261128030000-consents.js';
import * as providers from './20261128040000-providers.js';
import * as reputation from './20261128050000-reputation.js';
import * as reputationReplyRef from './20261128051000-reputation-reply-ref.js';
import * as networkChannels from './20261128060000-network-channels.js';
import * as dispatchAppLimits from './20261128074000-dispatch-app-limits.js';
import * as dispatchAppLimitsGranted from './20261128074100-dispatch-app-limits-granted.js';
import * as reputationRollups from './20261128075000-reputation-rollups.js';
import * as reputationTopicSentiment from './20261128075100-reputation-topic-sentiment.js';
import * as reputationAlertChannels from './20261128075200-reputation-alert-channels.js';
import * as reputationTopicTotals from './20261128075300-reputation-topic-totals.js';

export interface MigrationModule {
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

/**
 * Every migration, by timestamped name, in order. Forward-only: there are no `down` functions;
 * a mistake is fixed by a new migration.
 */
export const migrations: Record<string, MigrationModule> = {
  '20261127000000-foundation': foundation,
  '20261128000000-channels': channels,
  '20261128005000-notifications': notifications,
  '20261128010000-posts': posts,
  '20261128011000-post-variant-removal': postVariantRemoval,
  '20261128020000-dispatch': dispatch,
  '20261128030000-consents': consents,
  '20261128040000-providers': providers,
  '20261128050000-reputation': reputation,
  '20261128051000-reputation-reply-ref': reputationReplyRef,
  '20261128060000-network-channels': networkChannels,
  '20261128074000-dispatch-app-limits': dispatchAppLimits,
  '20261128074100-dispatch-app-limits-granted': dispatchAppLimitsGranted,
  '20261128075000-reputation-rollups': reputationRollups,
  '20261128075100-reputation-topic-sentiment': reputationTopicSentiment,
  '20261128075200-reputation-alert-channels': reputationAlertChannels,
  '20261128075300-reputation-topic-totals': reputationTopicTotals,
};
