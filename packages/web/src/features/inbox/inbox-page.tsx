import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Kbd,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { endpoints } from '../../api/endpoints';
import { PageHeader } from '../../components/page-header';
import { useSession } from '../auth/use-session';
import { useCurrentOrg } from '../shell/current-org';
import { inboxApi, SOURCES, STATUSES, TOPICS, type InboxFilters, type ItemStatus } from './api';
import { ImportModal } from './import-modal';
import { ItemPanel } from './item-panel';
import { sentimentColor, slaText, sourceLabel, stars, statusColor, topicLabel } from './labels';

const FILTER_KEYS = [
  'locationId',
  'providerId',
  'source',
  'rating',
  'sentiment',
  'topic',
  'urgency',
  'status',
  'assigneeId',
  'overdue',
] as const;
const MANAGE_ROLES = new Set(['owner', 'admin', 'marketer', 'compliance_officer']);
const IMPORT_ROLES = new Set(['owner', 'admin', 'marketer']);

/** Keys the list answers to; shown on the page so nobody has to guess. */
const SHORTCUTS: [string, string][] = [
  ['j / k', 'next / previous item'],
  ['x', 'select for bulk actions'],
  ['a', 'assign to me'],
  ['c', 'close'],
  ['r', 'write a reply'],
];

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * The inbox: every review, comment and mention with filters, a list you can walk with the
 * keyboard, bulk assignment and status changes, and the selected item beside it.
 */
export function InboxPage() {
  const { orgId, role } = useCurrentOrg();
  const session = useSession();
  const me = session.data?.user.id;
  const [params, setParams] = useSearchParams();
  const filters: InboxFilters = useMemo(
    () => Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined])),
    [params],
  );
  const selectedId = params.get('item');
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [importing, setImporting] = useState(false);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const client = useQueryClient();

  const items = useQuery({
    queryKey: ['reputation', orgId, 'items', filters],
    queryFn: ({ signal }) => inboxApi.items(orgId, filters, signal),
    refetchInterval: 30_000,
  });
  const locations = useQuery({
    queryKey: ['locations', orgId],
    queryFn: ({ signal }) => endpoints.locations(orgId, signal),
  });
  const assignees = useQuery({
    queryKey: ['reputation', orgId, 'assignees'],
    queryFn: ({ signal }) => inboxApi.assignees(orgId, signal),
  });
  const providers = useQuery({
    queryKey: ['reputation', orgId, 'providers'],
    queryFn: ({ signal }) => inboxApi.providers(orgId, signal),
  });
  const sources = useQuery({
    queryKey: ['reputation', orgId, 'sources'],
    queryFn: ({ signal }) => inboxApi.sources(orgId, signal),
  });
  const bulk = useMutation({
    mutationFn: (change: { itemIds: string[]; assigneeId?: string | null; status?: ItemStatus }) =>
      inboxApi.bulk(orgId, change),
    onSuccess: async () => {
      setChecked(new Set());
      await client.invalidateQueries({ queryKey: ['reputation', orgId] });
    },
  });

  const list = items.data?.items ?? [];
  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const select = (id: string) => setFilter('item', id);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      const index = list.findIndex((i) => i.id === selectedId);
      const current = list[index];
      if (event.key === 'j' || event.key === 'k') {
        const next =
          list[event.key === 'j' ? Math.min(list.length - 1, index + 1) : Math.max(0, index - 1)];
        if (next) {
          event.preventDefault();
          select(next.id);
          document.getElementById(`inbox-row-${next.id}`)?.scrollIntoView({ block: 'nearest' });
        }
      } else if (event.key === 'x' && current) {
        event.preventDefault();
        setChecked((prev) => {
          const next = new Set(prev);
          if (next.has(current.id)) next.delete(current.id);
          else next.add(current.id);
          return next;
        });
      } else if (event.key === 'a' && current && me && MANAGE_ROLES.has(role)) {
        event.preventDefault();
        bulk.mutate({ itemIds: [current.id], assigneeId: me });
      } else if (event.key === 'c' && current && MANAGE_ROLES.has(role)) {
        event.preventDefault();
        bulk.mutate({ itemIds: [current.id], status: 'closed' });
      } else if (event.key === 'r' && current) {
        event.preventDefault();
        replyRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const failing = (sources.data?.sources ?? []).filter((s) => s.status !== 'ok');
  const memberOptions = [
    { value: 'none', label: 'Unassigned' },
    ...(me ? [{ value: me, label: 'Me' }] : []),
    ...(assignees.data?.assignees ?? [])
      .filter((m) => m.userId !== me)
      .map((m) => ({ value: m.userId, label: m.name })),
  ];
  const bulkIds = [...checked];

  return (
    <>
      <PageHeader
        title="Inbox"
        description="Reviews, comments and mentions from every source. Patient details are hidden; replies are checked so they never confirm that someone is a patient."
        actions={
          IMPORT_ROLES.has(role) ? (
            <Button variant="light" onClick={() => setImporting(true)}>
              Import reviews
            </Button>
          ) : null
        }
      />
      {failing.map((s) => (
        <Alert
          key={s.id}
          color={s.status === 'paused' ? 'red' : 'yellow'}
          mb="sm"
          title={`${s.name}: ${s.status.replace('_', ' ')}`}
        >
          {s.lastErrorMessage ?? 'Bedside will try again.'}
          {s.nextPollAt ? ` Next try ${new Date(s.nextPollAt).toLocaleTimeString()}.` : ''}
        </Alert>
      ))}
      <Paper withBorder p="sm" mb="md" radius="md" component="section" aria-label="Filters">
        <Group gap="xs" align="flex-end">
          <Select
            size="xs"
            label="Status"
            placeholder="Any status"
            clearable
            data={STATUSES.map((s) => ({ value: s, label: s }))}
            value={filters.status ?? null}
            onChange={(v) => setFilter('status', v)}
            w={120}
          />
          <Select
            size="xs"
            label="Sentiment"
            placeholder="Any"
            clearable
            data={['negative', 'neutral', 'positive']}
            value={filters.sentiment ?? null}
            onChange={(v) => setFilter('sentiment', v)}
            w={120}
          />
          <Select
            size="xs"
            label="Urgency"
            placeholder="Any"
            clearable
            data={[
              { value: 'high', label: 'high' },
              { value: 'critical', label: 'critical' },
              { value: 'none', label: 'none' },
            ]}
            value={filters.urgency ?? null}
            onChange={(v) => setFilter('urgency', v)}
            w={110}
          />
          <Select
            size="xs"
            label="Topic"
            placeholder="Any topic"
            clearable
            data={Object.entries(TOPICS).map(([value, label]) => ({ value, label }))}
            value={filters.topic ?? null}
            onChange={(v) => setFilter('topic', v)}
            w={170}
          />
          <Select
            size="xs"
            label="Source"
            placeholder="Any source"
            clearable
            data={SOURCES.map((s) => ({ value: s, label: sourceLabel(s) }))}
            value={filters.source ?? null}
            onChange={(v) => setFilter('source', v)}
            w={130}
          />
          <Select
            size="xs"
            label="Rating"
            placeholder="Any"
            clearable
            data={['1', '2', '3', '4', '5']}
            value={filters.rating ?? null}
            onChange={(v) => setFilter('rating', v)}
            w={80}
          />
          <Select
            size="xs"
            label="Location"
            placeholder="All locations"
            clearable
            data={(locations.data?.locations ?? []).map((l) => ({ value: l.id, label: l.name }))}
            value={filters.locationId ?? null}
            onChange={(v) => setFilter('locationId', v)}
            w={150}
          />
          <Select
            size="xs"
            label="Provider"
            placeholder="All providers"
            clearable
            searchable
            data={(providers.data?.providers ?? []).map((p) => ({
              value: p.id,
              label: [`${p.firstName} ${p.lastName}`.trim(), p.credentials]
                .filter(Boolean)
                .join(', '),
            }))}
            value={filters.providerId ?? null}
            onChange={(v) => setFilter('providerId', v)}
            w={170}
          />
          <Select
            size="xs"
            label="Assignee"
            placeholder="Anyone"
            searchable
            clearable
            data={memberOptions}
            value={filters.assigneeId ?? null}
            onChange={(v) => setFilter('assigneeId', v)}
            w={140}
          />
          <Checkbox
            size="xs"
            label="Overdue only"
            checked={filters.overdue === 'true'}
            onChange={(e) => setFilter('overdue', e.currentTarget.checked ? 'true' : null)}
          />
        </Group>
      </Paper>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          {bulkIds.length > 0 && MANAGE_ROLES.has(role) ? (
            <Group mb="xs" gap="xs" role="toolbar" aria-label="Bulk actions">
              <Text size="sm">{bulkIds.length} selected</Text>
              {me ? (
                <Button
                  size="compact-sm"
                  variant="light"
                  onClick={() => bulk.mutate({ itemIds: bulkIds, assigneeId: me })}
                >
                  Assign to me
                </Button>
              ) : null}
              <Select
                size="xs"
                aria-label="Assign the selected items to"
                placeholder="Assign to…"
                searchable
                data={(assignees.data?.assignees ?? []).map((m) => ({
                  value: m.userId,
                  label: m.userId === me ? `${m.name} (me)` : m.name,
                }))}
                value={null}
                onChange={(v) => {
                  if (v) bulk.mutate({ itemIds: bulkIds, assigneeId: v });
                }}
                w={180}
              />
              <Button
                size="compact-sm"
                variant="light"
                onClick={() => bulk.mutate({ itemIds: bulkIds, status: 'closed' })}
              >
                Close
              </Button>
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={() => bulk.mutate({ itemIds: bulkIds, status: 'new' })}
              >
                Back to new
              </Button>
            </Group>
          ) : null}
          {bulk.error ? (
            <Alert color="red" mb="xs">
              {bulk.error.message}
            </Alert>
          ) : null}
          <Paper withBorder radius="md">
            <ScrollArea h="calc(100vh - 330px)" type="auto">
              <Table highlightOnHover stickyHeader aria-label="Inbox items">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={32}>
                      <span className="visually-hidden">Select</span>
                    </Table.Th>
                    <Table.Th>Item</Table.Th>
                    <Table.Th w={150}>Triage</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((item) => {
                    const selected = item.id === selectedId;
                    const sla = slaText(item.slaDueAt, item.overdue);
                    return (
                      <Table.Tr
                        key={item.id}
                        id={`inbox-row-${item.id}`}
                        aria-selected={selected}
                        onClick={() => select(item.id)}
                        style={{
                          cursor: 'pointer',
                          background: selected
                            ? 'var(--mantine-color-blue-light)'
                            : item.overdue
                              ? 'var(--mantine-color-red-light)'
                              : undefined,
                          borderLeft: item.overdue
                            ? '4px solid var(--mantine-color-red-6)'
                            : undefined,
                        }}
                      >
                        <Table.Td onClick={(e) => e.stopPropagation()}>
                          <Checkbox
                            aria-label="Select for bulk actions"
                            checked={checked.has(item.id)}
                            onChange={(e) => {
                              const next = new Set(checked);
                              if (e.currentTarget.checked) next.add(item.id);
                              else next.delete(item.id);
                              setChecked(next);
                            }}
                          />
                        </Table.Td>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <Text size="xs" fw={600}>
                              {sourceLabel(item.source)}
                            </Text>
                            <Text
                              size="xs"
                              c="yellow.8"
                              aria-label={
                                item.rating === null ? undefined : `${item.rating} of 5 stars`
                              }
                            >
                              {stars(item.rating)}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {new Date(item.receivedAt).toLocaleString()}
                            </Text>
                          </Group>
                          <a
                            href={`?item=${item.id}`}
                            onClick={(e) => {
                              e.preventDefault();
                              select(item.id);
                            }}
                            style={{ color: 'inherit', textDecoration: 'none' }}
                          >
                            <Text size="sm" lineClamp={2}>
                              {item.text}
                            </Text>
                          </a>
                          {item.topics.length > 0 ? (
                            <Text size="xs" c="dimmed" mt={2}>
                              {item.topics.map(topicLabel).join(' · ')}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          <Stack gap={4}>
                            <Group gap={4}>
                              <Badge size="xs" color={statusColor[item.status]} variant="light">
                                {item.status}
                              </Badge>
                              <Badge
                                size="xs"
                                color={sentimentColor(item.sentimentLabel)}
                                variant="dot"
                              >
                                {item.sentimentLabel ?? '—'}
                              </Badge>
                            </Group>
                            {item.urgency !== 'none' ? (
                              <Badge size="xs" color="red" variant="filled">
                                urgent
                              </Badge>
                            ) : null}
                            {sla && (item.status === 'new' || item.status === 'assigned') ? (
                              <Text
                                size="xs"
                                c={item.overdue ? 'red.8' : 'dimmed'}
                                fw={item.overdue ? 700 : 400}
                              >
                                {sla}
                              </Text>
                            ) : null}
                          </Stack>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              {items.isSuccess && list.length === 0 ? (
                <Text c="dimmed" ta="center" py="xl">
                  Nothing here. Import reviews or connect a source; new items appear within a
                  minute.
                </Text>
              ) : null}
              {items.isError ? <Alert color="red">{items.error.message}</Alert> : null}
            </ScrollArea>
          </Paper>
          <Group gap="md" mt="xs" aria-label="Keyboard shortcuts">
            {SHORTCUTS.map(([keys, what]) => (
              <Text key={keys} size="xs" c="dimmed">
                <Kbd size="xs">{keys}</Kbd> {what}
              </Text>
            ))}
          </Group>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" radius="md">
            {selectedId ? (
              <ItemPanel
                key={selectedId}
                orgId={orgId}
                role={role}
                itemId={selectedId}
                replyRef={replyRef}
              />
            ) : (
              <Text c="dimmed">Choose an item (or press j) to read and answer it.</Text>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
      <ImportModal orgId={orgId} opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}
