import { api } from '../../api/client';

/** Reputation settings: the server's sources, imports, webhooks and alert-preferences routes. */
const base = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/reputation`;
const seg = encodeURIComponent;

export const LEVELS = ['all', 'negative', 'urgent', 'none'] as const;
export type AlertLevel = (typeof LEVELS)[number];

export interface SourceView {
  id: string;
  source: string;
  mode: string;
  name: string;
  locationId: string | null;
  channelId: string | null;
  enabled: boolean;
  status: 'ok' | 'backing_off' | 'failing' | 'paused' | string;
  consecutiveFailures: number;
  lastErrorKind: string | null;
  lastErrorMessage: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string | null;
  webhookPath: string | null;
}

export type NewSource =
  | { mode: 'poll'; channelId: string }
  | {
      mode: 'webhook';
      source: 'facebook' | 'instagram';
      name: string;
      locationId: string | null;
      appSecret: string;
      verifyToken: string;
    };

export interface ImportSummary {
  importId: string;
  source: string;
  fileName: string | null;
  createdAt: string;
  rowsTotal: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  problems: { line: number; reason: string }[];
}

export interface Webhook {
  id: string;
  url: string;
  format: 'json' | 'slack';
  level: AlertLevel;
  enabled: boolean;
  lastStatus: string | null;
  lastDeliveryAt: string | null;
  createdAt: string;
}

export interface AlertPreference {
  level: AlertLevel;
  email: boolean;
  inApp: boolean;
  digest: boolean;
  emailLevel: AlertLevel;
  inAppLevel: AlertLevel;
}

export const settingsApi = {
  sources: (orgId: string, signal?: AbortSignal) =>
    api.get<{ sources: SourceView[] }>(`${base(orgId)}/sources`, signal),
  addSource: (orgId: string, body: NewSource) =>
    api.post<SourceView>(`${base(orgId)}/sources`, body),
  setEnabled: (orgId: string, sourceId: string, enabled: boolean) =>
    api.post<SourceView>(`${base(orgId)}/sources/${seg(sourceId)}/enabled`, { enabled }),
  removeSource: (orgId: string, sourceId: string) =>
    api.delete(`${base(orgId)}/sources/${seg(sourceId)}`),
  imports: (orgId: string, signal?: AbortSignal) =>
    api.get<{ imports: ImportSummary[] }>(`${base(orgId)}/imports`, signal),
  webhooks: (orgId: string, signal?: AbortSignal) =>
    api.get<{ webhooks: Webhook[] }>(`${base(orgId)}/webhooks`, signal),
  addWebhook: (orgId: string, body: { url: string; format: 'json' | 'slack'; level: AlertLevel }) =>
    api.post<{ webhook: Webhook; secret: string }>(`${base(orgId)}/webhooks`, body),
  testWebhook: (orgId: string, webhookId: string) =>
    api.post<{ status: string }>(`${base(orgId)}/webhooks/${seg(webhookId)}/test`),
  removeWebhook: (orgId: string, webhookId: string) =>
    api.delete(`${base(orgId)}/webhooks/${seg(webhookId)}`),
  preference: (orgId: string, signal?: AbortSignal) =>
    api.get<AlertPreference>(`${base(orgId)}/alert-preferences`, signal),
  savePreference: (orgId: string, body: AlertPreference) =>
    api.put<AlertPreference>(`${base(orgId)}/alert-preferences`, body),
};
