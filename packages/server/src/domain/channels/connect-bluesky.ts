import { BLUESKY_DEFAULT_SERVICE } from '../../connectors/bluesky/bluesky-credentials.js';
import type { DbOrTx } from '../../db/database.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { Actor } from '../audit/audit-types.js';
import type { ChannelConnectors } from './channel-connectors.js';
import { requireLocation, storeChannel, type ChannelView } from './channels.js';
import { connectorAppError } from './connector-app-error.js';
import { checkServiceAddress, parseServiceUrl } from './service-url.js';

export interface BlueskyConnectInput {
  locationId: string;
  /** A handle, DID or email. */
  identifier: string;
  /** An app password; used once to open a session, never stored. */
  appPassword: string;
  service?: string;
}

/** Connects a Bluesky account with an app password: log in, validate, store the sealed session. */
export async function connectBluesky(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    input: BlueskyConnectInput;
    box: SecretBox;
    connectors: ChannelConnectors;
  },
): Promise<ChannelView> {
  const { input } = options;
  const service = parseServiceUrl(input.service ?? BLUESKY_DEFAULT_SERVICE, 'service');
  await requireLocation(db, options.orgId, input.locationId);
  const { bluesky } = options.connectors;
  await checkServiceAddress(options.connectors, { url: service, network: 'bluesky' }).catch(
    (error: unknown) => {
      throw connectorAppError(error, 'service');
    },
  );
  try {
    const credentials = await bluesky.authorize.login({
      service,
      identifier: input.identifier.trim(),
      password: input.appPassword,
    });
    let current = credentials;
    const account = await bluesky.validate(credentials, {
      onRefreshed: (next) => {
        current = next;
        return Promise.resolve();
      },
    });
    return await storeChannel(db, {
      actor: options.actor,
      orgId: options.orgId,
      locationId: input.locationId,
      network: 'bluesky',
      serviceUrl: current.service,
      account,
      credentials: current,
      box: options.box,
    });
  } catch (error) {
    throw connectorAppError(error, 'appPassword');
  }
}
