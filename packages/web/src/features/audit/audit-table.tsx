import { Badge, Code, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconBan, IconCheck } from '@tabler/icons-react';
import type { AuditEvent, AuditOutcome } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { actionLabel } from './action-label';

const outcomeStyle: Record<AuditOutcome, { color: string; label: string; icon: typeof IconCheck }> =
  {
    success: { color: 'bedside', label: 'Success', icon: IconCheck },
    failure: { color: 'orange', label: 'Failure', icon: IconAlertTriangle },
    denied: { color: 'red', label: 'Denied', icon: IconBan },
  };

/** Type and a short id: whole UUIDs would make the table unreadable; the full id is the title. */
function AuditTarget(props: { type: string | null; id: string | null }) {
  if (!props.type)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const short = props.id && props.id.length > 12 ? `${props.id.slice(0, 8)}…` : props.id;
  return (
    <Text size="sm" title={props.id ?? undefined} style={{ whiteSpace: 'nowrap' }}>
      {props.type}
      {short ? (
        <Text span ff="monospace" size="xs" c="dimmed" ml={6}>
          {short}
        </Text>
      ) : null}
    </Text>
  );
}

function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details === 'object' && Object.keys(details).length === 0) return '';
  return typeof details === 'string' ? details : JSON.stringify(details);
}

export function AuditTable(props: { events: AuditEvent[]; busy: boolean }) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table verticalSpacing="xs" striped highlightOnHover aria-busy={props.busy}>
        <Table.Caption
          style={{
            captionSide: 'top',
            textAlign: 'left',
            fontWeight: 600,
            color: 'var(--mantine-color-text)',
            padding: '12px 12px 4px',
            marginBottom: 0,
          }}
        >
          Audit events
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">#</Table.Th>
            <Table.Th scope="col">Time</Table.Th>
            <Table.Th scope="col">Actor</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Target</Table.Th>
            <Table.Th scope="col">Outcome</Table.Th>
            <Table.Th scope="col">IP address</Table.Th>
            <Table.Th scope="col">Details</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.events.map((event) => {
            const outcome = outcomeStyle[event.outcome] ?? outcomeStyle.failure;
            const details = detailsText(event.details);
            return (
              <Table.Tr key={event.id}>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {event.seq}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">
                    <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {event.actorName ?? (event.actorId ? event.actorId : 'System')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" title={event.action}>
                    {actionLabel(event.action)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <AuditTarget type={event.targetType} id={event.targetId} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge
                    tt="none"
                    miw={92}
                    variant="light"
                    color={outcome.color}
                    leftSection={<outcome.icon size={12} aria-hidden />}
                  >
                    {outcome.label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {event.ip ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td maw={280}>
                  {details ? (
                    <Code
                      title={details}
                      style={{
                        display: 'block',
                        whiteSpace: 'nowrap',
                        overflow: 'hidden',
                        textOverflow: 'ellipsis',
                        maxWidth: 260,
                      }}
                    >
                      {details}
                    </Code>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
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
