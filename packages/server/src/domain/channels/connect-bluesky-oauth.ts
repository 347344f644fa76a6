import type { OAuthClientMetadataInput } from '@atproto/oauth-client-node';
import { blueskyClientId, blueskyClientMetadata } from '../../connectors/bluesky/bluesky-oauth.js';
import type { DbOrTx } from '../../db/database.js';
import { AppError, invalid } from '../../errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import { hashToken } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import type { ChannelConnectors } from './channel-connectors.js';
import { inTransaction, requireLocation, storeChannel, type ChannelView } from './channels.js';
import { connectorAppError } from './connector-app-error.js';
import { takeOAuthState } from './take-oauth-state.js';

/** How long a person has to sign in on their Bluesky server and allow Bedside. */
const STATE_TTL_MS = 15 * 60 * 1000;

const EXPIRED =
  'This connection attempt expired or was already used. Start connecting the account again.';

interface ConnectContext {
  actor: Actor;
  orgId: string;
  /** Bedside's own address (config.publicUrl): the redirect and the client id derive from it. */
  publicUrl: string;
  box: SecretBox;
  connectors: ChannelConnectors;
}

/** Where the account's server sends the browser back; the web page there calls `/bluesky/oauth/finish`. */
export function blueskyRedirectUri(publicUrl: string): string {
  return `${publicUrl}/settings/channels/bluesky/callback`;
}

/** Where a public Bedside serves its client metadata document (its client id). */
export function blueskyClientMetadataUrl(publicUrl: string): string {
  return `${publicUrl}/api/oauth/bluesky/client-metadata.json`;
}

/** The client id for this Bedside; atproto refuses `localhost` redirects, so say what to set. */
function clientIdFor(publicUrl: string): string {
  try {
    return blueskyClientId(
      publicUrl,
      blueskyRedirectUri(publicUrl),
      blueskyClientMetadataUrl(publicUrl),
    );
  } catch {
    throw new AppError(
      'unavailable',
      'Signing in with Bluesky on this computer needs Bedside’s address to be http://127.0.0.1:<port> (set BEDSIDE_PUBLIC_URL): Bluesky does not allow “localhost” return addresses. Connecting with an app password works meanwhile.',
    );
  }
}

/** The metadata document a public Bedside serves at `blueskyClientMetadataUrl`. */
export function blueskyClientMetadataDocument(
  publicUrl: string,
): OAuthClientMetadataInput & { client_id: string } {
  const clientId = blueskyClientMetadataUrl(publicUrl);
  return {
    ...blueskyClientMetadata(clientId, blueskyRedirectUri(publicUrl)),
    client_id: clientId,
  };
}

/**
 * Step one of connecting a Bluesky account with atproto OAuth: resolve the handle to its server,
 * push the authorization request there (PAR, PKCE, a fresh DPoP key), and remember it for this
 * person, organization and location: the `state` hashed, the pending request (PKCE verifier and
 * DPoP private key) sealed. Returns the server's sign-in page.
 */
export async function startBlueskyOAuthConnect(
  db: DbOrTx,
  options: ConnectContext & { locationId: string; handle: string },
): Promise<{ authorizeUrl: string }> {
  if (!options.actor.userId) throw new Error('A Bluesky connection is started by a person');
  const clientId = clientIdFor(options.publicUrl);
  const handle = options.handle.trim().replace(/^@/, '');
  await requireLocation(db, options.orgId, options.locationId);
  let start;
  try {
    start = await options.connectors.bluesky.oauth.start({
      identifier: handle,
      clientId,
      redirectUri: blueskyRedirectUri(options.publicUrl),
    });
  } catch (error) {
    throw connectorAppError(error, 'handle');
  }
  const now = new Date();
  await inTransaction(db, async (tx) => {
    // Abandoned attempts (the person never came back) are cleared as new ones start.
    await tx
      .deleteFrom('oauthStates')
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
        network: 'bluesky',
        // The authorization server that must answer; the callback's `iss` is checked against it.
        instanceUrl: start.issuer,
        // Not only a PKCE verifier here: the whole pending request, with the DPoP private key.
        codeVerifierSealed: options.box.seal(start.pending),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + STATE_TTL_MS).toISOString(),
      })
      .execute();
  });
  return { authorizeUrl: start.url };
}

/**
 * Step two: the account's server sent the browser back with `state`, `iss` and `code` (or
 * `error` when the person said no). The state is used up first, whatever happens next; it must
 * belong to this organization and person and be fresh. The code is exchanged (DPoP-bound
 * tokens), the account checked, and the session stored sealed as the channel's credentials.
 */
export async function finishBlueskyOAuthConnect(
  db: DbOrTx,
  options: ConnectContext & { state: string; iss?: string; code?: string; error?: string },
): Promise<ChannelView> {
  const pending = await takeOAuthState(db, options);
  if (
    !pending ||
    pending.userId !== options.actor.userId ||
    pending.network !== 'bluesky' ||
    !pending.codeVerifierSealed ||
    Date.parse(pending.expiresAt) < Date.now()
  )
    throw invalid({ state: EXPIRED });
  if (options.error !== undefined || !options.code)
    throw invalid({
      code:
        options.error === 'access_denied'
          ? 'You did not allow Bedside on Bluesky, so nothing was connected.'
          : 'Bluesky did not complete the sign-in, so nothing was connected. Try again.',
    });
  if (options.iss !== undefined && options.iss !== pending.instanceUrl)
    throw invalid({ iss: 'The answer came from another server than the one asked. Try again.' });
  await requireLocation(db, options.orgId, pending.locationId);
  const { bluesky } = options.connectors;
  try {
    const credentials = await bluesky.oauth.finish({
      clientId: clientIdFor(options.publicUrl),
      redirectUri: blueskyRedirectUri(options.publicUrl),
      pending: options.box.open(pending.codeVerifierSealed),
      params: { state: options.state, iss: options.iss, code: options.code },
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
      locationId: pending.locationId,
      network: 'bluesky',
      serviceUrl: current.service,
      account,
      credentials: current,
      box: options.box,
    });
  } catch (error) {
    throw connectorAppError(error, 'code');
  }
}
