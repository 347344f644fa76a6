import { api } from '../../api/client';
import type { Channel } from '../../api/types';

const base = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/channels/bluesky/oauth`;

/** Connecting Bluesky with atproto OAuth: the handle's server signs the person in. */
export const blueskyOAuth = {
  start: (orgId: string, input: { locationId: string; handle: string }) =>
    api.post<{ authorizeUrl: string }>(`${base(orgId)}/start`, input),
  finish: (orgId: string, input: { state: string; iss?: string; code?: string; error?: string }) =>
    api.post<Channel>(`${base(orgId)}/finish`, input),
};
