import type { CallHooks } from '../connector.js';
import { ConnectorError } from '../connector-error.js';

/** Credentials with an access token that expires and may be renewed with a refresh token. */
export interface ExpiringCredentials {
  accessToken: string;
  refreshToken?: string;
  expiresAt?: string;
}

/** Refresh this long before the access token expires: clocks differ and requests take time. */
const EARLY_MS = 2 * 60 * 1000;

/**
 * Runs a call with a usable access token: refreshes first when the token is (nearly) expired,
 * and once more if the network says 401 anyway (revoked early, clock skew) — a 401 means the
 * request was not processed, so repeating it cannot post twice. New credentials go to
 * `hooks.onRefreshed` before the call goes on (X rotates refresh tokens: the old one is dead).
 */
export async function withFreshToken<C extends ExpiringCredentials, T>(options: {
  credentials: C;
  hooks: CallHooks<C> | undefined;
  refresh: (credentials: C) => Promise<C>;
  run: (credentials: C) => Promise<T>;
}): Promise<T> {
  let current = options.credentials;
  let refreshed = false;
  const renew = async (): Promise<void> => {
    current = await options.refresh(current);
    refreshed = true;
    await options.hooks?.onRefreshed?.(current);
  };
  const expiresAt = current.expiresAt ? Date.parse(current.expiresAt) : Number.NaN;
  if (current.refreshToken && Number.isFinite(expiresAt) && expiresAt - EARLY_MS <= Date.now())
    await renew();
  try {
    return await options.run(current);
  } catch (error) {
    const unauthorized =
      error instanceof ConnectorError && error.kind === 'reconnect_needed' && error.status === 401;
    if (!unauthorized || refreshed || !current.refreshToken) throw error;
    await renew();
    return options.run(current);
  }
}
