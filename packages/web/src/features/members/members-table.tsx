import { Badge, Button, Group, NativeSelect, Table, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import type { Member, Role } from '../../api/types';
import { formatDate } from '../../lib/format';
import { roleLabels, roleOptions } from './roles';

export function MembersTable(props: {
  members: Member[];
  currentUserId: string;
  pendingUserId: string | undefined;
  onChangeRole: (member: Member, role: Role) => void;
  onRemove: (member: Member) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Caption
          style={{ captionSide: 'top', textAlign: 'left' }}
          className="visually-hidden"
        >
          Members
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Two-factor</Table.Th>
            <Table.Th scope="col">Joined</Table.Th>
            <Table.Th scope="col">
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.members.map((member) => {
            const isSelf = member.userId === props.currentUserId;
            return (
              <Table.Tr key={member.userId}>
                <Table.Td>
                  <Text size="sm" fw={500} component="div">
                    {member.name}
                    {isSelf ? (
                      <Badge ml={6} size="xs" variant="light" color="gray">
                        You
                      </Badge>
                    ) : null}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {member.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {isSelf ? (
                    <Text size="sm">{roleLabels[member.role]}</Text>
                  ) : (
                    <NativeSelect
                      aria-label={`Access level for ${member.name}`}
                      size="xs"
                      data={roleOptions}
                      value={member.role}
                      disabled={props.pendingUserId === member.userId}
                      onChange={(e) => props.onChangeRole(member, e.currentTarget.value as Role)}
                      maw={200}
                    />
                  )}
                </Table.Td>
                <Table.Td>
                  {member.totpEnabled ? (
                    <Group gap={4} wrap="nowrap">
                      <IconShieldCheck
                        size={16}
                        color="var(--mantine-color-bedside-7)"
                        aria-hidden
                      />
                      <Text size="sm">On</Text>
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Off
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDate(member.joinedAt)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  {isSelf ? null : (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => props.onRemove(member)}
                      aria-label={`Remove ${member.name}`}
                    >
                      Remove
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
