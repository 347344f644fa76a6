import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import type { Organization } from '../../api/types';

export function useOrganization(orgId: string) {
  return useQuery({
    queryKey: queryKeys.organization(orgId),
    queryFn: ({ signal }) => endpoints.organization(orgId, signal),
  });
}

export function useUpdateOrganization(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      input: Partial<Pick<Organization, 'name' | 'requireTotp' | 'idleTimeoutMinutes'>>,
    ) => endpoints.updateOrganization(orgId, input),
    onSuccess: async (organization) => {
      client.setQueryData(queryKeys.organization(orgId), organization);
      // The name appears in memberships and the idle timeout in the session.
      await client.invalidateQueries({ queryKey: queryKeys.session });
    },
  });
}
