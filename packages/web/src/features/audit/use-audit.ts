import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { auditQuery, endpoints, type AuditFilters } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';

export const AUDIT_PAGE_SIZE = 50;

export function useAuditEvents(orgId: string, filters: AuditFilters, cursor: string | undefined) {
  const query = auditQuery({ ...filters, limit: AUDIT_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
  return useQuery({
    queryKey: queryKeys.audit(orgId, query),
    queryFn: ({ signal }) => endpoints.audit(orgId, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAuditActions(orgId: string) {
  return useQuery({
    queryKey: queryKeys.auditActions(orgId),
    queryFn: ({ signal }) => endpoints.auditActions(orgId, signal),
    select: (data) => data.actions,
  });
}
