import { api } from '../../api/client';
import type { Channel } from '../../api/types';

/** The networks connected by signing in there and then choosing an account. */
export const oauthNetworks = ['facebook', 'instagram', 'linkedin', 'x', 'gbp'] as const;
export type OAuthNetwork = (typeof oauthNetworks)[number];

export function isOAuthNetwork(value: string | undefined): value is OAuthNetwork {
  return oauthNetworks.includes(value as OAuthNetwork);
}

export interface AccountChoice {
  id: string;
  handle: string;
  displayName: string;
  url: string | null;
}

export interface Choice {
  id: string;
  accounts: AccountChoice[];
  expiresAt: string;
}

const base = (orgId: string, network: OAuthNetwork) =>
  `/api/orgs/${encodeURIComponent(orgId)}/channels/oauth/${network}`;

export const networkOAuth = {
  configured: (orgId: string, signal?: AbortSignal) =>
    api.get<{ configured: Record<OAuthNetwork, boolean> }>(
      `/api/orgs/${encodeURIComponent(orgId)}/channels/networks`,
      signal,
    ),
  start: (orgId: string, network: OAuthNetwork, input: { locationId: string }) =>
    api.post<{ authorizeUrl: string }>(`${base(orgId, network)}/start`, input),
  finish: (
    orgId: string,
    network: OAuthNetwork,
    input: { state: string; code?: string; error?: string },
  ) => api.post<{ channel?: Channel; choice?: Choice }>(`${base(orgId, network)}/finish`, input),
  choose: (orgId: string, network: OAuthNetwork, input: { choiceId: string; accountId: string }) =>
    api.post<Channel>(`${base(orgId, network)}/choose`, input),
};
