import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecklist } from '@tabler/icons-react';
import { errorMessage } from '../../api/api-error';
import type { ProviderChange } from '../../api/providers';
import { EmptyBlock } from '../../components/empty-state';
import { QueryState } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { useCurrentOrg } from '../shell/current-org';
import { fieldLabels, formatValue } from './field-labels';
import { useProviderChanges, useProviderMutations } from './use-providers';

const sourceLabels: Record<string, string> = { edit: 'Edit', nppes: 'NPPES import' };

/** Changes others proposed; the clinician whose profile it is approves or rejects. */
export function ChangesPanel() {
  const org = useCurrentOrg();
  const changes = useProviderChanges(org.orgId);
  const { decide } = useProviderMutations(org.orgId);
  const act = (change: ProviderChange, approve: boolean) =>
    decide.mutate(
      { changeId: change.id, approve },
      {
        onSuccess: () =>
          notifications.show({
            message: approve ? 'Change approved and applied' : 'Change rejected',
          }),
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
      },
    );
  return (
    <QueryState query={changes} label="changes">
      {(all) =>
        all.length === 0 ? (
          <EmptyBlock icon={<IconChecklist />} title="No changes proposed">
            Edits to a clinician's profile by someone else, and NPPES imports, wait here for the
            clinician's approval.
          </EmptyBlock>
        ) : (
          <Stack gap="md">
            {all.map((change) => (
              <Paper
                key={change.id}
                withBorder
                radius="md"
                p="md"
                component="section"
                aria-label={`Change to ${change.providerName}`}
              >
                <Group justify="space-between" mb="xs">
                  <div>
                    <Title order={3} size="h5">
                      {change.providerName}
                    </Title>
                    <Text size="sm" c="dimmed">
                      {sourceLabels[change.source] ?? change.source} ·{' '}
                      {formatDateTime(change.createdAt)}
                    </Text>
                  </div>
                  <Badge
                    color={
                      change.status === 'pending'
                        ? 'yellow'
                        : change.status === 'approved'
                          ? 'green'
                          : 'gray'
                    }
                  >
                    {change.status}
                  </Badge>
                </Group>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Field</Table.Th>
                      <Table.Th scope="col">
                        {change.status === 'pending' ? 'Now' : 'Current'}
                      </Table.Th>
                      <Table.Th scope="col">Proposed</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {change.fields.map((f) => (
                      <Table.Tr key={f.field}>
                        <Table.Th scope="row">{fieldLabels[f.field]}</Table.Th>
                        <Table.Td>{formatValue(f.field, f.before)}</Table.Td>
                        <Table.Td>{formatValue(f.field, f.after)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {change.status === 'pending' ? (
                  change.mine ? (
                    <Group mt="sm">
                      <Button onClick={() => act(change, true)} loading={decide.isPending}>
                        Approve change
                      </Button>
                      <Button
                        variant="default"
                        onClick={() => act(change, false)}
                        disabled={decide.isPending}
                      >
                        Reject
                      </Button>
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed" mt="sm">
                      Waiting for {change.providerName} to approve.
                    </Text>
                  )
                ) : null}
              </Paper>
            ))}
          </Stack>
        )
      }
    </QueryState>
  );
}
