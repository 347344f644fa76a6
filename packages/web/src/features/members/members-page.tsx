import { Alert, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconMailOpened, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { Member } from '../../api/types';
import { EmptyBlock } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { useSession } from '../auth/use-session';
import { useCurrentOrg } from '../shell/current-org';
import { InvitationsTable } from './invitations-table';
import { InviteForm } from './invite-form';
import { MembersTable } from './members-table';
import { can, roleLabels } from './roles';
import { useInvitations, useMemberMutations, useMembers } from './use-members';

export function MembersPage() {
  const org = useCurrentOrg();
  const allowed = can.manageMembers(org.role);
  const { data: session } = useSession();
  const members = useMembers(org.orgId, allowed);
  const invitations = useInvitations(org.orgId, allowed);
  const mutations = useMemberMutations(org.orgId);
  const [removing, setRemoving] = useState<Member>();

  const fail = (error: unknown) =>
    notifications.show({ color: 'red', message: errorMessage(error) });

  if (!allowed) {
    return (
      <>
        <PageHeader title="Members & invitations" />
        <Alert variant="light" color="gray" icon={<IconLock aria-hidden />}>
          Only owners and admins manage members. Ask one of them to invite a colleague or change a
          role.
        </Alert>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Members & invitations"
        description="Who can work in this organization, and what each person may do."
      />
      <Stack gap="xl">
        <InviteForm onInvite={(input) => mutations.invite.mutateAsync(input)} />

        <section aria-labelledby="members-title">
          <Title order={2} size="h4" mb="sm" id="members-title">
            Members
          </Title>
          <Paper withBorder>
            <QueryState query={members} label="members">
              {(list) => (
                <MembersTable
                  members={list}
                  currentUserId={session?.user.id ?? ''}
                  pendingUserId={
                    mutations.changeRole.isPending
                      ? mutations.changeRole.variables?.userId
                      : undefined
                  }
                  onChangeRole={(member, role) =>
                    mutations.changeRole.mutate(
                      { userId: member.userId, role },
                      {
                        onSuccess: () =>
                          notifications.show({
                            message: `${member.name} is now ${roleLabels[role]}`,
                          }),
                        onError: fail,
                      },
                    )
                  }
                  onRemove={setRemoving}
                />
              )}
            </QueryState>
          </Paper>
        </section>

        <section aria-labelledby="invitations-title">
          <Title order={2} size="h4" mb="sm" id="invitations-title">
            Invitations
          </Title>
          <QueryState query={invitations} label="invitations">
            {(list) =>
              list.length === 0 ? (
                <EmptyBlock icon={<IconMailOpened />} title="No invitations yet">
                  Invitations you send appear here until they are accepted, revoked or expire.
                </EmptyBlock>
              ) : (
                <Paper withBorder>
                  <InvitationsTable
                    invitations={list}
                    pendingId={mutations.revoke.isPending ? mutations.revoke.variables : undefined}
                    onRevoke={(invitation) =>
                      mutations.revoke.mutate(invitation.id, {
                        onSuccess: () =>
                          notifications.show({
                            message: `Invitation for ${invitation.email} revoked`,
                          }),
                        onError: fail,
                      })
                    }
                  />
                </Paper>
              )
            }
          </QueryState>
        </section>
      </Stack>

      <Modal
        opened={removing !== undefined}
        onClose={() => setRemoving(undefined)}
        title="Remove member?"
        centered
      >
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap">
            <IconUsers size={20} aria-hidden />
            <Text size="sm">
              {removing?.name} will lose access to {org.orgName} at once. Their past actions stay in
              the audit log.
            </Text>
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(undefined)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={mutations.remove.isPending}
              onClick={() => {
                if (!removing) return;
                const member = removing;
                mutations.remove.mutate(member.userId, {
                  onSuccess: () => {
                    notifications.show({ message: `${member.name} removed` });
                    setRemoving(undefined);
                  },
                  onError: (error) => {
                    setRemoving(undefined);
                    fail(error);
                  },
                });
              }}
            >
              Remove
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
