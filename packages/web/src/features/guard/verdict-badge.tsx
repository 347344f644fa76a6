import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconHandStop } from '@tabler/icons-react';
import type { Verdict } from '@bedside/guard';

const verdicts: Record<Verdict, { label: string; color: string; icon: typeof IconCircleCheck }> = {
  block: { label: 'Blocked: fix before publishing', color: 'red', icon: IconHandStop },
  review: { label: 'Needs review', color: 'yellow', icon: IconAlertTriangle },
  pass: { label: 'Ready to publish', color: 'bedside', icon: IconCircleCheck },
};

export const verdictLabel = (verdict: Verdict) => verdicts[verdict].label;

/** The guard's verdict with an icon and words, so it never relies on colour alone. */
export function VerdictBadge(props: { verdict: Verdict; size?: 'md' | 'lg' | 'xl' }) {
  const verdict = verdicts[props.verdict];
  return (
    <Badge
      size={props.size ?? 'lg'}
      color={verdict.color}
      variant="light"
      tt="none"
      leftSection={<verdict.icon size={16} aria-hidden />}
      data-verdict={props.verdict}
      c={props.verdict === 'review' ? 'yellow.9' : undefined}
    >
      {verdict.label}
    </Badge>
  );
}
