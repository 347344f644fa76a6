import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

const base = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/notifications`;
const key = (orgId: string) => ['org', orgId, 'notifications'] as const;

/** The newest notifications; polled once a minute so alerts show up without a reload. */
export function useNotifications(orgId: string) {
  return useQuery({
    queryKey: key(orgId),
    queryFn: ({ signal }) =>
      api.get<{ notifications: AppNotification[]; unread: number }>(base(orgId), signal),
    refetchInterval: 60_000,
  });
}

export function useMarkRead(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[] | 'all') =>
      api.post<{ marked: number }>(`${base(orgId)}/read`, ids === 'all' ? { all: true } : { ids }),
    onSettled: () => client.invalidateQueries({ queryKey: key(orgId) }),
  });
}
