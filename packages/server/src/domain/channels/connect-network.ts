import { NETWORK_LABELS } from '../../connectors/connector-error.js';
import type { AccountInfo, ConnectableAccount } from '../../connectors/connector.js';
import type { DbOrTx } from '../../db/database.js';
import { AppError, invalid } from '../../errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import { hashToken, newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import type { ChannelConnectors } from './channel-connectors.js';
import { inTransaction, requireLocation, storeChannel, type ChannelView } from './channels.js';
import { connectorAppError } from './connector-app-error.js';
import { takeOAuthState } from './take-oauth-state.js';

/** The networks connected through an OAuth login followed by choosing an account. */
export const OAUTH_NETWORKS = ['facebook', 'instagram', 'linkedin', 'x', 'gbp'] as const;
export type OAuthNetwork = (typeof OAUTH_NETWORKS)[number];

/** How long a person has to approve Bedside on the network, and then to choose an account. */
const STATE_TTL_MS = 15 * 60 * 1000;

const EXPIRED =
  'This connection attempt expired or was already used. Start connecting the account again.';

/** What each login opens, for the "nothing to connect" message. */
const WHAT: Record<OAuthNetwork, string> = {
  facebook: 'a Facebook Page you manage',
  instagram: 'an Instagram professional account linked to a Facebook Page you manage',
  linkedin: 'a LinkedIn page you administer',
  x: 'an X account',
  gbp: 'a Google Business Profile location you manage',
};

interface ConnectContext {
  actor: Actor;
  orgId: string;
  network: OAuthNetwork;
  box: SecretBox;
  connectors: ChannelConnectors;
}

/** An account the person may choose, as the API shows it: never its credentials. */
export interface AccountChoice {
  id: string;
  handle: string;
  displayName: string;
  url: string | null;
}

export type FinishResult =
  | { channel: ChannelView; choice?: undefined }
  | { channel?: undefined; choice: { id: string; accounts: AccountChoice[]; expiresAt: string } };

/**
 * Step one: remember a single-use `state` (stored hashed) and the PKCE verifier (sealed) for this
 * person, organization, location and network; return the network's authorization page.
 */
export async function startNetworkConnect(
  db: DbOrTx,
  options: ConnectContext & { locationId: string; redirectUri: string },
): Promise<{ authorizeUrl: string }> {
  if (!options.actor.userId) throw new Error('A connection is started by a person');
  if (!options.connectors.configured[options.network])
    throw new AppError(
      'unavailable',
      `Connecting ${NETWORK_LABELS[options.network]} accounts is not set up on this Bedside: an administrator must register an app with ${NETWORK_LABELS[options.network]} and configure it.`,
    );
  await requireLocation(db, options.orgId, options.locationId);
  const connector = options.connectors[options.network];
  const start = await connector.authorize.start({ redirectUri: options.redirectUri });
  const now = new Date();
  await inTransaction(db, async (tx) => {
    await tx
      .deleteFrom('oauthStates')
      .where('orgId', '=', options.orgId)
      .where('expiresAt', '<', now.toISOString())
      .execute();
    await tx
      .deleteFrom('oauthPendingAccounts')
      .where('orgId', '=', options.orgId)
      .where('expiresAt', '<', now.toISOString())
      .execute();
    await tx
      .insertInto('oauthStates')
      .values({
        stateHash: hashToken(start.state),
        orgId: options.orgId,
        locationId: options.locationId,
        userId: options.actor.userId ?? '',
        network: options.network,
        instanceUrl: '',
        codeVerifierSealed: start.codeVerifier ? options.box.seal(start.codeVerifier) : null,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + STATE_TTL_MS).toISOString(),
      })
      .execute();
  });
  return { authorizeUrl: start.url };
}

/**
 * Step two: the network sent the browser back with `code` (or `error` when the person said no)
 * and `state`. The state is used up first, whatever happens next; it must belong to this
 * organization, person and network and be fresh. One account connects at once; several are kept
 * (sealed) for the person to choose from.
 */
export async function finishNetworkConnect(
  db: DbOrTx,
  options: ConnectContext & { state: string; code?: string; error?: string; redirectUri: string },
): Promise<FinishResult> {
  const pending = await takeOAuthState(db, options);
  if (
    !pending ||
    pending.userId !== options.actor.userId ||
    pending.network !== options.network ||
    Date.parse(pending.expiresAt) < Date.now()
  )
    throw invalid({ state: EXPIRED });
  const label = NETWORK_LABELS[options.network];
  if (options.error !== undefined || !options.code)
    throw invalid({
      code:
        options.error === 'access_denied' || options.error === 'user_cancelled_authorize'
          ? `You did not allow Bedside on ${label}, so nothing was connected.`
          : `${label} did not complete the sign-in, so nothing was connected. Try again.`,
    });
  await requireLocation(db, options.orgId, pending.locationId);
  const connector = options.connectors[options.network];
  let accounts: ConnectableAccount<unknown>[];
  try {
    accounts = await connector.authorize.finish({
      redirectUri: options.redirectUri,
      code: options.code,
      codeVerifier: pending.codeVerifierSealed
        ? options.box.open(pending.codeVerifierSealed)
        : undefined,
    });
  } catch (error) {
    throw connectorAppError(error, 'code');
  }
  if (accounts.length === 0)
    throw invalid({ code: `This sign-in does not give access to ${WHAT[options.network]}.` });
  const [only] = accounts;
  if (accounts.length === 1 && only)
    return {
      channel: await connectChosen(db, {
        ...options,
        locationId: pending.locationId,
        chosen: only,
      }),
    };
  const id = newId();
  const expiresAt = new Date(Date.now() + STATE_TTL_MS).toISOString();
  await db
    .insertInto('oauthPendingAccounts')
    .values({
      id,
      orgId: options.orgId,
      locationId: pending.locationId,
      userId: options.actor.userId ?? '',
      network: options.network,
      accountsSealed: options.box.seal(JSON.stringify(accounts)),
      createdAt: new Date().toISOString(),
      expiresAt,
    })
    .execute();
  return { choice: { id, accounts: accounts.map((a) => choiceView(a.account)), expiresAt } };
}

/** Step three, when the login opened several accounts: connect the one the person chose. */
export async function chooseNetworkAccount(
  db: DbOrTx,
  options: ConnectContext & { choiceId: string; accountId: string },
): Promise<ChannelView> {
  // Used once: a valid choice is deleted in the same transaction that reads it. A wrong account
  // id leaves it in place, so the person can pick again.
  const { locationId, chosen } = await inTransaction(db, async (tx) => {
    const row = await tx
      .selectFrom('oauthPendingAccounts')
      .selectAll()
      .where('id', '=', options.choiceId)
      .where('orgId', '=', options.orgId)
      .executeTakeFirst();
    if (
      !row ||
      row.userId !== options.actor.userId ||
      row.network !== options.network ||
      Date.parse(row.expiresAt) < Date.now()
    )
      throw invalid({ choiceId: EXPIRED });
    const accounts = JSON.parse(
      options.box.open(row.accountsSealed),
    ) as ConnectableAccount<unknown>[];
    const found = accounts.find((a) => a.account.id === options.accountId);
    if (!found) throw invalid({ accountId: 'Choose one of the accounts this sign-in opened.' });
    await tx.deleteFrom('oauthPendingAccounts').where('id', '=', row.id).execute();
    return { locationId: row.locationId, chosen: found };
  });
  await requireLocation(db, options.orgId, locationId);
  return connectChosen(db, { ...options, locationId, chosen });
}

async function connectChosen(
  db: DbOrTx,
  options: ConnectContext & { locationId: string; chosen: ConnectableAccount<unknown> },
): Promise<ChannelView> {
  const connector = options.connectors[options.network];
  const limits = await connector.limits(options.chosen.credentials as never).catch(() => undefined);
  return storeChannel(db, {
    actor: options.actor,
    orgId: options.orgId,
    locationId: options.locationId,
    network: options.network,
    serviceUrl: serviceUrlOf(options.connectors, options.network),
    account: options.chosen.account,
    credentials: options.chosen.credentials,
    box: options.box,
    maxCharacters: limits?.maxCharacters,
  });
}

/** Where the network's API is, as the channel shows it. */
function serviceUrlOf(connectors: ChannelConnectors, network: OAuthNetwork): string {
  const endpoints = connectors.networks?.endpoints;
  if (!endpoints) return '';
  if (network === 'facebook' || network === 'instagram') return endpoints.meta.graphUrl;
  if (network === 'linkedin') return endpoints.linkedin.apiUrl;
  if (network === 'x') return endpoints.x.apiUrl;
  return endpoints.google.myBusinessUrl;
}

function choiceView(account: AccountInfo): AccountChoice {
  return {
    id: account.id,
    handle: account.handle,
    displayName: account.displayName,
    url: account.url ?? null,
  };
}
