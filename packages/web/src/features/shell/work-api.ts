import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** GET /api/orgs/:orgId/dashboard: counts and links only; a null section is not for your role. */
export interface WorkSummary {
  inbox: {
    new: number;
    assignedToMe: number;
    overdue: number;
    urgent: number;
    critical: number;
  } | null;
  posts: {
    awaitingMyReview: number | null;
    myDrafts: number | null;
    returnedToMe: number | null;
  } | null;
  publishing: {
    failed: number;
    unconfirmed: number;
    paused: number;
    reconnectNeeded: number | null;
  } | null;
  consents: { awaitingSignature: number; expiringSoon: number; expiringWithinDays: number } | null;
  upcoming: {
    total: number;
    posts: {
      targetId: string;
      postId: string;
      network: string;
      locationName: string;
      dueAt: string;
      timeZone: string;
    }[];
  } | null;
}

export function useWorkSummary(orgId: string) {
  return useQuery({
    queryKey: ['org', orgId, 'dashboard'] as const,
    queryFn: ({ signal }) =>
      api.get<WorkSummary>(`/api/orgs/${encodeURIComponent(orgId)}/dashboard`, signal),
    refetchInterval: 60_000,
  });
}
