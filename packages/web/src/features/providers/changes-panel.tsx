import { Badge, Button, Group, Image, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecklist } from '@tabler/icons-react';
import { errorMessage } from '../../api/api-error';
import type { FieldChange, ProviderChange, ProviderPhoto } from '../../api/providers';
import { mediaUrl } from '../compose/api';
import { useLocations } from '../locations/use-locations';
import { EmptyBlock } from '../../components/empty-state';
import { QueryState } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { useCurrentOrg } from '../shell/current-org';
import { fieldLabels, formatValue } from './field-labels';
import { useProviderChanges, useProviderMutations } from './use-providers';

/** A value of the diff: a photo is shown (the clinician approves what they see), locations by name. */
function ValueCell(props: {
  field: FieldChange['field'];
  value: unknown;
  change: ProviderChange;
  proposed?: boolean;
}) {
  const org = useCurrentOrg();
  const locations = useLocations(org.orgId);
  const { field, value } = props;
  if (field === 'photo' && value && typeof value === 'object') {
    const photo = value as ProviderPhoto;
    const alt = props.change.fields.find((f) => f.field === 'photoAlt');
    return (
      <Image
        src={mediaUrl(org.orgId, photo.mediaId)}
        alt={
          props.proposed
            ? `Proposed photo${typeof alt?.after === 'string' ? `: ${alt.after}` : ''}`
            : 'Current photo'
        }
        w={80}
        h={Math.round((80 * photo.height) / photo.width)}
        radius="sm"
      />
    );
  }
  if (field === 'locationIds' && Array.isArray(value)) {
    const names = value.map(
      (id) => locations.data?.find((l) => l.id === id)?.name ?? 'A removed location',
    );
    return <>{names.length ? names.join('; ') : '—'}</>;
  }
  return <>{formatValue(field, value)}</>;
}

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
                        <Table.Td>
                          <ValueCell field={f.field} value={f.before} change={change} />
                        </Table.Td>
                        <Table.Td>
                          <ValueCell field={f.field} value={f.after} change={change} proposed />
                        </Table.Td>
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
