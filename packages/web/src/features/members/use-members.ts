import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import type { Role } from '../../api/types';

export function useMembers(orgId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.members(orgId),
    queryFn: ({ signal }) => endpoints.members(orgId, signal),
    select: (data) => data.members,
    enabled,
  });
}

export function useInvitations(orgId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.invitations(orgId),
    queryFn: ({ signal }) => endpoints.invitations(orgId, signal),
    select: (data) => data.invitations,
    enabled,
  });
}

export function useMemberMutations(orgId: string) {
  const client = useQueryClient();
  const refreshMembers = () => client.invalidateQueries({ queryKey: queryKeys.members(orgId) });
  const refreshInvitations = () =>
    client.invalidateQueries({ queryKey: queryKeys.invitations(orgId) });
  return {
    changeRole: useMutation({
      mutationFn: (input: { userId: string; role: Role }) =>
        endpoints.updateMember(orgId, input.userId, input.role),
      onSettled: refreshMembers,
    }),
    remove: useMutation({
      mutationFn: (userId: string) => endpoints.removeMember(orgId, userId),
      onSettled: refreshMembers,
    }),
    invite: useMutation({
      mutationFn: (input: { email: string; role: Role }) => endpoints.invite(orgId, input),
      onSuccess: refreshInvitations,
    }),
    revoke: useMutation({
      mutationFn: (id: string) => endpoints.revokeInvitation(orgId, id),
      onSettled: refreshInvitations,
    }),
  };
}
