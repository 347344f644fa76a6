import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { networkLabels } from '../compose/network-label';
import type { CalendarEntry } from './api';
import { zonedParts } from './calendar-dates';
import { isMovable, TargetStatusBadge } from './target-status';

const borders: Partial<Record<CalendarEntry['status'], string>> = {
  published: 'var(--mantine-color-green-6)',
  failed: 'var(--mantine-color-red-6)',
  unconfirmed: 'var(--mantine-color-orange-6)',
  paused: 'var(--mantine-color-yellow-6)',
  removal_needed: 'var(--mantine-color-orange-6)',
};

/**
 * One network's copy of a post on the calendar: time, network, excerpt and status; a failure
 * shows its reason and the fix; a waiting one-off post can be dragged or moved with the button.
 */
export function EntryTile(props: {
  entry: CalendarEntry;
  compact: boolean;
  onMove: (entry: CalendarEntry) => void;
  onCheck: (entry: CalendarEntry) => void;
}) {
  const { entry } = props;
  const { time } = zonedParts(entry.dueAt, entry.timeZone);
  const movable = isMovable(entry);
  const network = networkLabels[entry.network as keyof typeof networkLabels] ?? entry.network;
  return (
    <Paper
      withBorder
      p={6}
      radius="sm"
      draggable={movable}
      onDragStart={(event) => {
        event.dataTransfer.setData('text/x-bedside-target', entry.targetId);
        event.dataTransfer.effectAllowed = 'move';
      }}
      style={{
        cursor: movable ? 'grab' : undefined,
        borderLeft: `4px solid ${borders[entry.status] ?? 'var(--mantine-color-blue-4)'}`,
      }}
      data-testid="calendar-entry"
      data-status={entry.status}
    >
      <Stack gap={4}>
        <Group gap={4} justify="space-between" wrap="wrap">
          <Text size="xs" fw={600}>
            {time} · {network}
          </Text>
          <TargetStatusBadge status={entry.status} />
        </Group>
        <Anchor
          component={Link}
          to={`/posts/${entry.postId}`}
          size="xs"
          c="inherit"
          lineClamp={props.compact ? 2 : 4}
        >
          {entry.excerpt}
        </Anchor>
        <Text size="xs" c="dimmed" truncate="end" title={entry.handle}>
          {entry.handle}
          {entry.recurring ? ' · repeats' : ''}
        </Text>
        {entry.error && entry.status !== 'queued' ? (
          <Text size="xs" role="note">
            <Text span fw={600} size="xs">
              {entry.error.message}
            </Text>{' '}
            {entry.error.fix}
          </Text>
        ) : null}
        {entry.error && entry.status === 'queued' ? (
          <Text size="xs" c="dimmed">
            Retrying: {entry.error.message}
          </Text>
        ) : null}
        {entry.remoteUrl && entry.status !== 'queued' ? (
          <Anchor href={entry.remoteUrl} size="xs" target="_blank" rel="noreferrer">
            Open on {network}
          </Anchor>
        ) : null}
        <Group gap={4}>
          {movable ? (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => props.onMove(entry)}
              aria-label={`Move the ${network} post at ${time}`}
            >
              Move
            </Button>
          ) : null}
          {entry.status === 'unconfirmed' ? (
            <Button
              size="compact-xs"
              variant="light"
              color="orange"
              onClick={() => props.onCheck(entry)}
            >
              I checked
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}
