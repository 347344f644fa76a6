import { Badge, Button, Table, Text } from '@mantine/core';
import type { Invitation, InvitationStatus } from '../../api/types';
import { formatDate } from '../../lib/format';
import { roleLabels } from './roles';

const statusColors: Record<InvitationStatus, string> = {
  pending: 'blue',
  accepted: 'bedside',
  revoked: 'gray',
  expired: 'orange',
};

const statusLabels: Record<InvitationStatus, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  revoked: 'Revoked',
  expired: 'Expired',
};

export function InvitationsTable(props: {
  invitations: Invitation[];
  pendingId: string | undefined;
  onRevoke: (invitation: Invitation) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm">
        <Table.Caption className="visually-hidden">Invitations</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Email</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Sent</Table.Th>
            <Table.Th scope="col">Expires</Table.Th>
            <Table.Th scope="col">
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.invitations.map((invitation) => (
            <Table.Tr key={invitation.id}>
              <Table.Td>
                <Text size="sm">{invitation.email}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{roleLabels[invitation.role]}</Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={statusColors[invitation.status]}>
                  {statusLabels[invitation.status]}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDate(invitation.createdAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {invitation.status === 'pending' ? formatDate(invitation.expiresAt) : '—'}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                {invitation.status === 'pending' ? (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    loading={props.pendingId === invitation.id}
                    onClick={() => props.onRevoke(invitation)}
                    aria-label={`Revoke invitation for ${invitation.email}`}
                  >
                    Revoke
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
