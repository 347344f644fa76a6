import { api } from './client';
import type {
  AuditPage,
  Channel,
  Invitation,
  InvitationPreview,
  Location,
  LocationInput,
  Member,
  Organization,
  OrganizationKind,
  Role,
  Session,
  SetupStatus,
  TotpSetup,
  User,
} from './types';
import type { CheckInput, CheckResult, GuardContext } from '@bedside/guard';

const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;
const seg = encodeURIComponent;

export interface SetupInput {
  owner: { name: string; email: string; password: string };
  organization: { name: string; kind: OrganizationKind };
  location: LocationInput;
}

export interface AuditFilters {
  action?: string;
  actorId?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

/** Builds the audit query string; empty filters are left out. */
export function auditQuery(filters: AuditFilters & { limit?: number; cursor?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** One function per API call, named after what it does. */
export const endpoints = {
  setupStatus: (signal?: AbortSignal) => api.get<SetupStatus>('/api/setup', signal),
  setup: (input: SetupInput) => api.post<{ user: User }>('/api/setup', input),

  session: (signal?: AbortSignal) => api.get<Session>('/api/auth/session', signal),
  login: (input: { email: string; password: string; totp?: string }) =>
    api.post<Session>('/api/auth/login', input),
  logout: () => api.post<void>('/api/auth/logout'),
  requestPasswordReset: (email: string) =>
    api.post<void>('/api/auth/password-reset/request', { email }),
  confirmPasswordReset: (input: { token: string; password: string }) =>
    api.post<void>('/api/auth/password-reset/confirm', input),
  totpSetup: () => api.post<TotpSetup>('/api/auth/totp/setup'),
  totpEnable: (code: string) => api.post<void>('/api/auth/totp/enable', { code }),
  totpDisable: (password: string) => api.post<void>('/api/auth/totp/disable', { password }),

  updateMe: (input: { name: string }) => api.patch<User>('/api/me', input),
  changePassword: (input: { currentPassword: string; newPassword: string }) =>
    api.post<void>('/api/me/password', input),

  invitation: (token: string, signal?: AbortSignal) =>
    api.get<InvitationPreview>(`/api/invitations/${seg(token)}`, signal),
  acceptInvitation: (token: string, input: { name: string; password: string }) =>
    api.post<Session>(`/api/invitations/${seg(token)}/accept`, input),

  organization: (orgId: string, signal?: AbortSignal) => api.get<Organization>(org(orgId), signal),
  updateOrganization: (
    orgId: string,
    input: Partial<Pick<Organization, 'name' | 'requireTotp' | 'idleTimeoutMinutes'>>,
  ) => api.patch<Organization>(org(orgId), input),

  locations: (orgId: string, signal?: AbortSignal) =>
    api.get<{ locations: Location[] }>(`${org(orgId)}/locations`, signal),
  createLocation: (orgId: string, input: LocationInput) =>
    api.post<Location>(`${org(orgId)}/locations`, input),
  updateLocation: (
    orgId: string,
    locationId: string,
    input: Partial<LocationInput> & { archived?: boolean },
  ) => api.patch<Location>(`${org(orgId)}/locations/${seg(locationId)}`, input),

  channels: (orgId: string, signal?: AbortSignal) =>
    api.get<{ channels: Channel[] }>(`${org(orgId)}/channels`, signal),
  connectBluesky: (
    orgId: string,
    input: { locationId: string; identifier: string; appPassword: string; service: string },
  ) => api.post<Channel>(`${org(orgId)}/channels/bluesky`, input),
  startMastodon: (orgId: string, input: { locationId: string; instanceUrl: string }) =>
    api.post<{ authorizeUrl: string }>(`${org(orgId)}/channels/mastodon/start`, input),
  finishMastodon: (orgId: string, input: { state: string; code: string }) =>
    api.post<Channel>(`${org(orgId)}/channels/mastodon/finish`, input),
  validateChannel: (orgId: string, channelId: string) =>
    api.post<Channel>(`${org(orgId)}/channels/${seg(channelId)}/validate`),
  disconnectChannel: (orgId: string, channelId: string) =>
    api.delete(`${org(orgId)}/channels/${seg(channelId)}`),

  members: (orgId: string, signal?: AbortSignal) =>
    api.get<{ members: Member[] }>(`${org(orgId)}/members`, signal),
  updateMember: (orgId: string, userId: string, role: Role) =>
    api.patch<Member>(`${org(orgId)}/members/${seg(userId)}`, { role }),
  removeMember: (orgId: string, userId: string) =>
    api.delete(`${org(orgId)}/members/${seg(userId)}`),

  invitations: (orgId: string, signal?: AbortSignal) =>
    api.get<{ invitations: Invitation[] }>(`${org(orgId)}/invitations`, signal),
  invite: (orgId: string, input: { email: string; role: Role }) =>
    api.post<Invitation>(`${org(orgId)}/invitations`, input),
  revokeInvitation: (orgId: string, id: string) =>
    api.delete(`${org(orgId)}/invitations/${seg(id)}`),

  audit: (orgId: string, query: string, signal?: AbortSignal) =>
    api.get<AuditPage>(`${org(orgId)}/audit${query}`, signal),
  auditActions: (orgId: string, signal?: AbortSignal) =>
    api.get<{ actions: string[] }>(`${org(orgId)}/audit/actions`, signal),
  auditExportUrl: (orgId: string, format: 'csv' | 'jsonl', filters: AuditFilters) =>
    `${org(orgId)}/audit/export${auditQuery({ format, ...filters } as AuditFilters)}`,

  guardContext: (orgId: string, signal?: AbortSignal) =>
    api.get<GuardContext>(`${org(orgId)}/guard/context`, signal),
  guardCheck: (orgId: string, input: Pick<CheckInput, 'text' | 'kind' | 'review' | 'network'>) =>
    api.post<CheckResult>(`${org(orgId)}/guard/check`, input),
};
