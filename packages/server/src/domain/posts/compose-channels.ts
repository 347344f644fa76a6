import type { DbOrTx } from '../../db/database.js';
import type { ChannelNetwork, ChannelStatus } from '../../db/schema.js';
import { requireLocation } from '../channels/channels.js';
import { channelLimit } from './variant-text.js';

export interface ComposeChannel {
  id: string;
  network: ChannelNetwork;
  handle: string;
  displayName: string;
  status: ChannelStatus;
  /** The text limit in the network's unit (a Mastodon instance's own). */
  limit: number;
  /** What the browser passes to countCharacters for Mastodon. */
  maxCharacters: number | null;
}

/** The channels a post at this location can go to, with their limits. */
export async function listComposeChannels(
  db: DbOrTx,
  options: { orgId: string; locationId: string },
): Promise<ComposeChannel[]> {
  await requireLocation(db, options.orgId, options.locationId);
  const rows = await db
    .selectFrom('channels')
    .select(['id', 'network', 'handle', 'displayName', 'status', 'maxCharacters'])
    .where('orgId', '=', options.orgId)
    .where('locationId', '=', options.locationId)
    .where('status', '!=', 'disconnected')
    .orderBy('createdAt')
    .orderBy('network')
    .orderBy('handle')
    .execute();
  return rows.map((r) => ({ ...r, limit: channelLimit({ ...r, id: r.id }) }));
}
