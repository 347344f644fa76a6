import { Badge } from '@mantine/core';
import type { TargetStatus } from './api';

const labels: Record<TargetStatus, { label: string; color: string }> = {
  queued: { label: 'Scheduled', color: 'blue' },
  publishing: { label: 'Sending', color: 'blue' },
  published: { label: 'Published', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
  unconfirmed: { label: 'Check needed', color: 'orange' },
  paused: { label: 'Paused', color: 'yellow' },
  deleted: { label: 'Deleted', color: 'gray' },
  removal_needed: { label: 'Remove by hand', color: 'orange' },
};

/** Where one network's copy stands, in words (never colour alone). */
export function TargetStatusBadge(props: { status: TargetStatus }) {
  const s = labels[props.status];
  return (
    <Badge color={s.color} variant="light" tt="none" size="sm" data-status={props.status}>
      {s.label}
    </Badge>
  );
}

/** Only waiting, one-off posts move by drag or the Move dialog. */
export function isMovable(entry: { status: TargetStatus; recurring: boolean; postStatus: string }) {
  return entry.status === 'queued' && !entry.recurring && entry.postStatus === 'scheduled';
}
