import type { DbOrTx } from '../../../db/database.js';
import type { ChannelNetwork } from '../../../db/schema.js';
import { newId } from '../../../security/tokens.js';

/**
 * A channel row for tests that never talk to the network (composing, reviewing): the connectors'
 * own suites connect real accounts. Its credentials are empty, so it can never publish.
 */
export async function addTestChannel(
  db: DbOrTx,
  options: {
    orgId: string;
    locationId: string;
    network: ChannelNetwork;
    handle?: string;
    maxCharacters?: number;
  },
): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('channels')
    .values({
      id,
      orgId: options.orgId,
      locationId: options.locationId,
      network: options.network,
      accountId: `acct-${id}`,
      handle: options.handle ?? `${options.network}-${id.slice(0, 6)}`,
      displayName: 'Test channel',
      serviceUrl: 'https://network.invalid',
      credentialsSealed: '',
      status: 'connected',
      statusReason: null,
      createdBy: 'system',
      createdAt: now,
      updatedAt: now,
      lastValidatedAt: now,
      maxCharacters: options.maxCharacters ?? null,
    })
    .execute();
  return id;
}
