import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import type { LocationInput } from '../../api/types';

export function useLocations(orgId: string) {
  return useQuery({
    queryKey: queryKeys.locations(orgId),
    queryFn: ({ signal }) => endpoints.locations(orgId, signal),
    select: (data) => data.locations,
  });
}

export function useSaveLocation(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      id?: string;
      changes: Partial<LocationInput> & { archived?: boolean };
    }) =>
      input.id
        ? endpoints.updateLocation(orgId, input.id, input.changes)
        : endpoints.createLocation(orgId, input.changes as LocationInput),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.locations(orgId) }),
  });
}
