import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconClipboardList, IconLock } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { EmptyBlock } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { can } from '../members/roles';
import { useMembers } from '../members/use-members';
import { useCurrentOrg } from '../shell/current-org';
import { AuditFilterBar } from './audit-filter-bar';
import {
  dateRangeError,
  emptyAuditFilters,
  toApiFilters,
  type AuditFilterValues,
} from './audit-filters';
import { AuditTable } from './audit-table';
import { ExportButtons } from './export-buttons';
import { useAuditActions, useAuditEvents } from './use-audit';

export function AuditPage() {
  const org = useCurrentOrg();
  const allowed = can.readAudit(org.role);
  const [values, setValues] = useState<AuditFilterValues>(emptyAuditFilters);
  // Cursors of the pages before the current one; the last entry is the current page's cursor.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const filters = useMemo(() => toApiFilters(values), [values]);
  const validRange = !dateRangeError(values);
  const cursor = cursors[cursors.length - 1];
  const events = useAuditEvents(
    org.orgId,
    validRange ? filters : toApiFilters(emptyAuditFilters),
    cursor,
  );
  const actions = useAuditActions(org.orgId);
  const members = useMembers(org.orgId, can.manageMembers(org.role));

  const actors = useMemo(() => {
    const byId = new Map<string, string>();
    for (const m of members.data ?? []) byId.set(m.userId, m.name);
    for (const e of events.data?.events ?? []) {
      if (e.actorId && !byId.has(e.actorId)) byId.set(e.actorId, e.actorName ?? e.actorId);
    }
    return [...byId]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [members.data, events.data]);

  if (!allowed) {
    return (
      <>
        <PageHeader title="Audit log" />
        <Alert variant="light" color="gray" icon={<IconLock aria-hidden />}>
          The audit log is open to owners, admins and compliance officers.
        </Alert>
      </>
    );
  }

  const changeFilters = (next: AuditFilterValues) => {
    setValues(next);
    setCursors([undefined]);
  };
  const page = cursors.length;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in, permission change and export, in order. Events are hash-chained, cannot be edited or deleted, and are kept for six years."
        actions={<ExportButtons orgId={org.orgId} filters={validRange ? filters : {}} />}
      />
      <Stack gap="md">
        <Paper withBorder p="md">
          <AuditFilterBar
            values={values}
            actions={actions.data ?? []}
            actors={actors}
            onChange={changeFilters}
          />
        </Paper>
        <QueryState query={events} label="audit events">
          {(data) =>
            data.events.length === 0 && page === 1 ? (
              <EmptyBlock icon={<IconClipboardList />} title="No events match">
                {Object.values(values).some(Boolean)
                  ? 'Try a wider date range or clear the filters.'
                  : 'Events appear here as people sign in and make changes.'}
              </EmptyBlock>
            ) : (
              <Paper withBorder>
                <AuditTable events={data.events} busy={events.isFetching} />
                <Group justify="space-between" p="sm" wrap="wrap">
                  <Text size="sm" c="dimmed" aria-live="polite">
                    Page {page} · {data.events.length}{' '}
                    {data.events.length === 1 ? 'event' : 'events'}
                  </Text>
                  <Group gap="xs">
                    <Button
                      variant="default"
                      size="xs"
                      disabled={page === 1}
                      onClick={() => setCursors((c) => c.slice(0, -1))}
                    >
                      Previous page
                    </Button>
                    <Button
                      variant="default"
                      size="xs"
                      disabled={!data.nextCursor || events.isPlaceholderData}
                      onClick={() =>
                        data.nextCursor && setCursors((c) => [...c, data.nextCursor ?? undefined])
                      }
                    >
                      Next page
                    </Button>
                  </Group>
                </Group>
              </Paper>
            )
          }
        </QueryState>
      </Stack>
    </>
  );
}
