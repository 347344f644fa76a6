import { XRPCError } from '@atproto/api';
import {
  OAuthCallbackError,
  OAuthResolverError,
  OAuthResponseError,
  TokenInvalidError,
  TokenRefreshError,
  TokenRevokedError,
} from '@atproto/oauth-client-node';
import { ConnectorError } from '../connector-error.js';
import { retryAfterSeconds } from '../http/retry-after.js';
import { toBlueskyError } from './bluesky-errors.js';

const network = 'bluesky' as const;

/**
 * Maps what @atproto/oauth-client-node (or the Agent on its session) threw to the connector's
 * closed set. `step` says where: starting (resolving the handle, PAR), finishing (the callback,
 * the code exchange) or a call on a stored session (restore, refresh, XRPC).
 */
export function toBlueskyOAuthError(
  error: unknown,
  step: 'start' | 'finish' | 'call',
): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (error instanceof XRPCError) return toBlueskyError(error, []);
  if (
    error instanceof TokenRefreshError ||
    error instanceof TokenRevokedError ||
    error instanceof TokenInvalidError
  )
    return new ConnectorError({
      network,
      kind: 'reconnect_needed',
      reason: 'Bluesky ended this sign-in (it expired or was revoked); connect the account again.',
    });
  if (error instanceof OAuthCallbackError) {
    const denied = error.params.get('error') === 'access_denied';
    return new ConnectorError({
      network,
      kind: 'content_rejected',
      reason: denied
        ? 'You did not allow Bedside on Bluesky, so nothing was connected'
        : 'Bluesky did not complete the sign-in; start connecting the account again',
    });
  }
  if (error instanceof OAuthResolverError)
    return new ConnectorError({
      network,
      kind: 'content_rejected',
      reason:
        step === 'start'
          ? 'No Bluesky account with that handle was found, or its server does not offer sign-in with OAuth'
          : 'The account’s Bluesky server could not be found any more; connect the account again',
    });
  if (error instanceof OAuthResponseError) {
    const status = error.status;
    if (status === 429)
      return new ConnectorError({
        network,
        status,
        kind: 'rate_limited',
        reason: 'Bluesky asks us to slow down.',
        retryAfterSeconds: retryAfterSeconds(error.headers),
      });
    if (status >= 500)
      return new ConnectorError({
        network,
        status,
        kind: 'transient',
        reason: `Bluesky’s sign-in server had a problem (HTTP ${status}).`,
      });
    // invalid_grant and friends: a spent or foreign code, or a session the server no longer has.
    return new ConnectorError({
      network,
      status,
      kind: step === 'call' ? 'reconnect_needed' : 'content_rejected',
      reason:
        step === 'call'
          ? 'Bluesky no longer accepts this sign-in; connect the account again.'
          : 'Bluesky did not accept the sign-in; start connecting the account again',
    });
  }
  // Anything else (unreachable server, unreadable answer) is transient.
  return toBlueskyError(error, []);
}
