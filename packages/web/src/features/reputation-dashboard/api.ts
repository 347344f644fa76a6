import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** The server's reputation dashboard (GET /api/orgs/:orgId/reputation/dashboard). */
export type Bucket = 'day' | 'week' | 'month';

export interface ItemStats {
  items: number;
  rated: number;
  averageRating: number | null;
  responded: number;
  responseRate: number | null;
  medianResponseHours: number | null;
  positive: number;
  neutral: number;
  negative: number;
  mixed: number;
  urgent: number;
}

export interface GroupTrend {
  id: string | null;
  name: string;
  items: number;
  averageRating: number | null;
  responseRate: number | null;
  series: { period: string; items: number; averageRating: number | null }[];
}

export interface TopicTrend {
  topic: string;
  items: number;
  negative: number;
  series: { period: string; items: number; negative: number }[];
}

export interface ReputationDashboard {
  filter: { from: string; to: string; bucket: Bucket };
  periods: string[];
  totals: ItemStats;
  series: (ItemStats & { period: string })[];
  locations: GroupTrend[];
  providers: GroupTrend[];
  topics: TopicTrend[];
}

export interface DashboardFilters {
  from?: string;
  to?: string;
  bucket: Bucket;
  locationId?: string;
  providerId?: string;
  source?: string;
}

export function dashboardQuery(filters: DashboardFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, String(value));
  const query = params.toString();
  return query ? `?${query}` : '';
}

const base = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/reputation/dashboard`;

export const dashboardEndpoints = {
  dashboard: (orgId: string, filters: DashboardFilters, signal?: AbortSignal) =>
    api.get<ReputationDashboard>(`${base(orgId)}${dashboardQuery(filters)}`, signal),
  exportUrl: (orgId: string, filters: DashboardFilters) =>
    `${base(orgId)}/export${dashboardQuery(filters)}`,
};

export function useReputationDashboard(orgId: string, filters: DashboardFilters) {
  return useQuery({
    queryKey: ['org', orgId, 'reputation-dashboard', dashboardQuery(filters)] as const,
    queryFn: ({ signal }) => dashboardEndpoints.dashboard(orgId, filters, signal),
    placeholderData: keepPreviousData,
  });
}
