import type { MastodonApp } from '../../connectors/mastodon/mastodon-credentials.js';
import type { DbOrTx } from '../../db/database.js';
import { invalid } from '../../errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import { hashToken, newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import type { ChannelConnectors } from './channel-connectors.js';
import { requireLocation, storeChannel, type ChannelView } from './channels.js';
import { connectorAppError } from './connector-app-error.js';
import { checkServiceAddress, parseServiceUrl } from './service-url.js';
import { takeOAuthState } from './take-oauth-state.js';

/** How long a person has to approve Bedside on the instance. */
const STATE_TTL_MS = 15 * 60 * 1000;

interface ConnectContext {
  actor: Actor;
  orgId: string;
  box: SecretBox;
  connectors: ChannelConnectors;
}

/**
 * Step one of connecting a Mastodon account: register Bedside on the instance (once per
 * organization, instance and redirect URI), remember the state and PKCE verifier, and return the
 * instance's authorize page to send the browser to.
 */
export async function startMastodonConnect(
  db: DbOrTx,
  options: ConnectContext & { locationId: string; instanceUrl: string; redirectUri: string },
): Promise<{ authorizeUrl: string }> {
  if (!options.actor.userId) throw new Error('A Mastodon connection is started by a person');
  const instanceUrl = parseServiceUrl(options.instanceUrl, 'instanceUrl');
  await requireLocation(db, options.orgId, options.locationId);
  try {
    await checkServiceAddress(options.connectors, { url: instanceUrl, network: 'mastodon' });
    const app = await mastodonApp(db, { ...options, instanceUrl });
    const start = await options.connectors.mastodon.authorize.start({ app });
    const now = new Date();
    // Abandoned attempts (the person never came back) are cleared as new ones start.
    await db
      .deleteFrom('oauthStates')
      .where('orgId', '=', options.orgId)
      .where('expiresAt', '<', now.toISOString())
      .execute();
    await db
      .insertInto('oauthStates')
      .values({
        stateHash: hashToken(start.state),
        orgId: options.orgId,
        locationId: options.locationId,
        userId: options.actor.userId,
        network: 'mastodon',
        instanceUrl,
        codeVerifierSealed: start.codeVerifier ? options.box.seal(start.codeVerifier) : null,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + STATE_TTL_MS).toISOString(),
      })
      .execute();
    return { authorizeUrl: start.url };
  } catch (error) {
    throw connectorAppError(error, 'instanceUrl');
  }
}

async function mastodonApp(
  db: DbOrTx,
  options: ConnectContext & { instanceUrl: string; redirectUri: string },
): Promise<MastodonApp> {
  const find = () =>
    db
      .selectFrom('oauthApps')
      .select('appSealed')
      .where('orgId', '=', options.orgId)
      .where('network', '=', 'mastodon')
      .where('instanceUrl', '=', options.instanceUrl)
      .where('redirectUri', '=', options.redirectUri)
      .executeTakeFirst();
  const existing = await find();
  if (existing) return JSON.parse(options.box.open(existing.appSealed)) as MastodonApp;
  const app = await options.connectors.registerMastodonApp({
    instanceUrl: options.instanceUrl,
    redirectUri: options.redirectUri,
    clientName: 'Bedside',
  });
  await db
    .insertInto('oauthApps')
    .values({
      id: newId(),
      orgId: options.orgId,
      network: 'mastodon',
      instanceUrl: options.instanceUrl,
      redirectUri: options.redirectUri,
      appSealed: options.box.seal(JSON.stringify(app)),
      createdAt: new Date().toISOString(),
    })
    .onConflict((oc) => oc.columns(['orgId', 'network', 'instanceUrl', 'redirectUri']).doNothing())
    .execute();
  // Two starts at once: keep the app that won, so every pending state matches the stored one.
  const stored = await find();
  return stored ? (JSON.parse(options.box.open(stored.appSealed)) as MastodonApp) : app;
}

const EXPIRED =
  'This connection attempt expired or was already used. Start connecting the account again.';

/**
 * Step two: the instance sent the browser back with `code` and `state`. The state is used once
 * (deleted before anything else), must belong to this organization and person and be fresh.
 */
export async function finishMastodonConnect(
  db: DbOrTx,
  options: ConnectContext & { state: string; code: string; redirectUri: string },
): Promise<ChannelView> {
  const pending = await takeOAuthState(db, options);
  if (
    !pending ||
    pending.userId !== options.actor.userId ||
    Date.parse(pending.expiresAt) < Date.now()
  )
    throw invalid({ state: EXPIRED });
  const appRow = await db
    .selectFrom('oauthApps')
    .select('appSealed')
    .where('orgId', '=', options.orgId)
    .where('network', '=', 'mastodon')
    .where('instanceUrl', '=', pending.instanceUrl)
    .where('redirectUri', '=', options.redirectUri)
    .executeTakeFirst();
  if (!appRow) throw invalid({ state: EXPIRED });
  const app = JSON.parse(options.box.open(appRow.appSealed)) as MastodonApp;
  await requireLocation(db, options.orgId, pending.locationId);
  try {
    const { mastodon } = options.connectors;
    const credentials = await mastodon.authorize.finish({
      app,
      code: options.code,
      codeVerifier: pending.codeVerifierSealed
        ? options.box.open(pending.codeVerifierSealed)
        : undefined,
    });
    const account = await mastodon.validate(credentials);
    const limits = await mastodon.limits(credentials).catch(() => undefined);
    return await storeChannel(db, {
      maxCharacters: limits?.maxCharacters,
      actor: options.actor,
      orgId: options.orgId,
      locationId: pending.locationId,
      network: 'mastodon',
      serviceUrl: app.instanceUrl,
      account,
      credentials,
      box: options.box,
    });
  } catch (error) {
    throw connectorAppError(error, 'code');
  }
}
