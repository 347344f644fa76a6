import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export type TargetStatus =
  | 'queued'
  | 'publishing'
  | 'published'
  | 'failed'
  | 'unconfirmed'
  | 'paused'
  | 'deleted'
  | 'removal_needed';

/** One post on one network at one time, as the calendar shows it. */
export interface CalendarEntry {
  targetId: string;
  postId: string;
  channelId: string;
  network: string;
  handle: string;
  locationId: string;
  dueAt: string;
  timeZone: string;
  occurrence: number;
  recurring: boolean;
  status: TargetStatus;
  postStatus: string;
  excerpt: string;
  remoteUrl: string | null;
  publishedAt: string | null;
  attempts: number;
  error: { kind: string; message: string; fix: string | null } | null;
}

export interface ScheduleInput {
  localTime?: string;
  queue?: boolean;
  timeZone?: string;
  recurrence?: { frequency: 'daily' | 'weekly' | 'monthly'; interval: number; count: number };
}

export interface Scheduled {
  postId: string;
  scheduledAt: string;
  timeZone: string;
  localTime: string;
  adjustment: 'none' | 'skipped' | 'repeated';
}

const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;
export const calendarKeys = { all: (orgId: string) => ['calendar', orgId] as const };

export function useCalendar(
  orgId: string,
  range: { from: string; to: string; locationId?: string; network?: string },
) {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  if (range.locationId) params.set('locationId', range.locationId);
  if (range.network) params.set('network', range.network);
  return useQuery({
    queryKey: [...calendarKeys.all(orgId), params.toString()],
    queryFn: ({ signal }) =>
      api.get<{ entries: CalendarEntry[] }>(`${org(orgId)}/calendar?${params.toString()}`, signal),
  });
}

/** Invalidates the calendar and the posts (their status changes with scheduling). */
function useInvalidate(orgId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: calendarKeys.all(orgId) }),
      client.invalidateQueries({ queryKey: ['posts', orgId] }),
      client.invalidateQueries({ queryKey: ['org', orgId, 'posts'] }),
    ]);
}

export function useSchedulePost(orgId: string) {
  const invalidate = useInvalidate(orgId);
  return useMutation({
    mutationFn: (input: { postId: string } & ScheduleInput) => {
      const { postId, ...body } = input;
      return api.post<Scheduled>(
        `${org(orgId)}/posts/${encodeURIComponent(postId)}/schedule`,
        body,
      );
    },
    onSuccess: invalidate,
  });
}

export function useUnschedulePost(orgId: string) {
  const invalidate = useInvalidate(orgId);
  return useMutation({
    mutationFn: (postId: string) =>
      api.post<{ canceled: number }>(
        `${org(orgId)}/posts/${encodeURIComponent(postId)}/unschedule`,
      ),
    onSuccess: invalidate,
  });
}

export function useResolveTarget(orgId: string) {
  const invalidate = useInvalidate(orgId);
  return useMutation({
    mutationFn: (input: {
      targetId: string;
      resolution: 'published' | 'retry' | 'failed';
      url?: string;
    }) => {
      const { targetId, ...body } = input;
      return api.post(`${org(orgId)}/targets/${encodeURIComponent(targetId)}/resolve`, body);
    },
    onSuccess: invalidate,
  });
}
