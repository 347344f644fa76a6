import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';

export function useChannels(orgId: string) {
  return useQuery({
    queryKey: queryKeys.channels(orgId),
    queryFn: ({ signal }) => endpoints.channels(orgId, signal),
    select: (data) => data.channels,
  });
}

/** Connect, validate and disconnect; each refreshes the list. */
export function useChannelMutations(orgId: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.channels(orgId) });
  return {
    connectBluesky: useMutation({
      mutationFn: (input: Parameters<typeof endpoints.connectBluesky>[1]) =>
        endpoints.connectBluesky(orgId, input),
      onSuccess: refresh,
    }),
    validate: useMutation({
      mutationFn: (channelId: string) => endpoints.validateChannel(orgId, channelId),
      onSettled: refresh,
    }),
    disconnect: useMutation({
      mutationFn: (channelId: string) => endpoints.disconnectChannel(orgId, channelId),
      onSuccess: refresh,
    }),
  };
}
