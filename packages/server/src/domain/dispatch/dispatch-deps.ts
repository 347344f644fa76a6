import type {
  CallHooks,
  MediaInput,
  PublishedPost,
  PublishInput,
  RecentPostQuery,
} from '../../connectors/connector.js';
import type { Db, DialectName } from '../../db/database.js';
import type { BackoffOptions } from '../../jobs/backoff.js';
import type { MediaLinkSigner } from '../../media/public-media-url.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { ChannelConnectors } from '../channels/channel-connectors.js';
import type { AppLimits } from './app-limits.js';
import type { PublishedItem } from './published-batch.js';

/** The parts of a connector dispatch uses, whatever its credential type. */
export interface DispatchConnector {
  publish(
    credentials: unknown,
    post: PublishInput,
    hooks?: CallHooks<unknown>,
  ): Promise<PublishedPost>;
  findRecent(
    credentials: unknown,
    query: RecentPostQuery,
    hooks?: CallHooks<unknown>,
  ): Promise<PublishedPost | undefined>;
  delete(credentials: unknown, remoteId: string, hooks?: CallHooks<unknown>): Promise<void>;
}

/** Reads an image's bytes by its storage key (the posts area's media store). */
export type MediaLoader = (asset: { orgId: string; storageKey: string }) => Promise<Uint8Array>;

export interface DispatchLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What publishing needs beyond the target row. */
export interface DispatchDeps {
  db: Db;
  dialect: DialectName;
  box: SecretBox;
  connectors: ChannelConnectors;
  /** This worker's name, held in the lease columns. */
  owner: string;
  log: DispatchLog;
  loadMedia?: MediaLoader;
  /**
   * Signs the image links Instagram and Google Business Profile download from (they take no
   * uploads); without it their images have no `publicUrl` and those connectors refuse them.
   */
  mediaLinks?: MediaLinkSigner;
  now?: () => Date;
  backoff?: BackoffOptions;
  /** Publish attempts before a target fails (default 5). */
  maxAttempts?: number;
  /** Per-app request caps by network (default DEFAULT_APP_LIMITS). */
  appLimits?: AppLimits;
  /** Writes publications in shared transactions (the Dispatcher's); without it, one each. */
  publishedBatch?: { record(item: PublishedItem): Promise<boolean> };
}

/** The connector for a network, or undefined when Bedside has none that can publish there. */
export function connectorFor(
  connectors: ChannelConnectors,
  network: string,
): DispatchConnector | undefined {
  const candidate = (
    connectors as unknown as Record<string, Partial<DispatchConnector> | undefined>
  )[network];
  return candidate &&
    typeof candidate.publish === 'function' &&
    typeof candidate.findRecent === 'function'
    ? (candidate as DispatchConnector)
    : undefined;
}

export type { MediaInput };
