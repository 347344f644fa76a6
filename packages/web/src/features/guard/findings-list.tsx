import { Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { Finding } from '@bedside/guard';
import { FindingItem } from './finding-item';
import { isSpanFinding } from './segments';

const order = { block: 0, warn: 1, info: 2 } as const;

/** The findings, most serious first, each explained, with a fix where the guard offers one. */
export function FindingsList(props: {
  text: string;
  findings: readonly Finding[];
  onApplyFix: (finding: Finding) => void;
  onShow: (finding: Finding) => void;
  onHover: (finding: Finding | undefined) => void;
}) {
  if (props.findings.length === 0) {
    return (
      <Stack align="center" gap={4} py="lg" ta="center">
        <IconCircleCheck size={32} color="var(--mantine-color-bedside-7)" aria-hidden />
        <Text size="sm" fw={600}>
          Nothing flagged
        </Text>
        <Text size="sm" c="dimmed">
          No patient identifiers or risky wording found.
        </Text>
      </Stack>
    );
  }
  const sorted = [...props.findings].sort(
    (a, b) => order[a.severity] - order[b.severity] || a.start - b.start,
  );
  return (
    <Stack component="ul" gap="sm" p={0} m={0} aria-label="Findings">
      {sorted.map((finding, index) => {
        const whole = finding.start === 0 && finding.end === 0;
        return (
          <FindingItem
            key={`${finding.rule}-${finding.start}-${finding.end}-${index}`}
            finding={finding}
            stale={!whole && !isSpanFinding(props.text, finding)}
            onApplyFix={() => props.onApplyFix(finding)}
            onShow={() => props.onShow(finding)}
            onHover={(hovering) => props.onHover(hovering ? finding : undefined)}
          />
        );
      })}
    </Stack>
  );
}
