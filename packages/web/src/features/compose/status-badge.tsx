import { Badge } from '@mantine/core';
import type { PostStatus } from './api';

const labels: Record<PostStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  in_review: { label: 'In review', color: 'yellow' },
  approved: { label: 'Approved', color: 'bedside' },
  scheduled: { label: 'Scheduled', color: 'blue' },
  publishing: { label: 'Publishing', color: 'blue' },
  published: { label: 'Published', color: 'green' },
  partially_published: { label: 'Partly published', color: 'orange' },
  failed: { label: 'Failed', color: 'red' },
  unconfirmed: { label: 'Unconfirmed', color: 'orange' },
  rejected: { label: 'Rejected', color: 'red' },
};

export const statusLabel = (status: PostStatus) => labels[status].label;

/** A post's status in words (never colour alone). */
export function PostStatusBadge(props: { status: PostStatus }) {
  const s = labels[props.status];
  return (
    <Badge
      color={s.color}
      variant="light"
      tt="none"
      data-status={props.status}
      c={props.status === 'in_review' ? 'yellow.9' : undefined}
    >
      {s.label}
    </Badge>
  );
}
