import { useId } from 'react';
import { Badge, Button, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconHandStop, IconInfoCircle, IconWand } from '@tabler/icons-react';
import type { Finding, Severity } from '@bedside/guard';
import { hasTextFix, replacesWholeText } from './apply-fix';

const severities: Record<Severity, { label: string; color: string; icon: typeof IconInfoCircle }> =
  {
    block: { label: 'Must fix', color: 'red', icon: IconHandStop },
    warn: { label: 'Review', color: 'orange', icon: IconAlertTriangle },
    info: { label: 'Note', color: 'blue', icon: IconInfoCircle },
  };

export function FindingItem(props: {
  finding: Finding;
  stale: boolean;
  onApplyFix: () => void;
  onShow: () => void;
  onHover: (hovering: boolean) => void;
}) {
  const { finding } = props;
  const severity = severities[finding.severity];
  const whole = finding.start === 0 && finding.end === 0;
  const fixId = useId();
  return (
    <Paper
      withBorder
      p="sm"
      component="li"
      style={{
        borderLeft: `4px solid var(--mantine-color-${severity.color}-7)`,
        listStyle: 'none',
      }}
      onMouseEnter={() => props.onHover(true)}
      onMouseLeave={() => props.onHover(false)}
      data-rule={finding.rule}
    >
      <Stack gap={6}>
        <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
          <Badge
            color={severity.color}
            variant="light"
            tt="none"
            leftSection={<severity.icon size={14} aria-hidden />}
          >
            {severity.label}
          </Badge>
          <Code fz="xs">{finding.rule}</Code>
        </Group>
        {!whole && finding.text ? (
          <Text size="sm" fw={600}>
            “{finding.text}”
          </Text>
        ) : null}
        <Text size="sm">{finding.message}</Text>
        {finding.fix ? (
          <Text size="xs" c="dimmed" id={fixId}>
            Suggested fix: {finding.fix.description}
          </Text>
        ) : null}
        {finding.fix?.kind === 'replace-text' && replacesWholeText(finding) ? (
          <Text size="xs" c="dimmed" fs="italic">
            Replaces your text with: “{finding.fix.replacement}”
          </Text>
        ) : null}
        <Group gap="xs">
          {hasTextFix(finding) ? (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconWand size={14} aria-hidden />}
              onClick={props.onApplyFix}
              disabled={props.stale}
              aria-describedby={fixId}
            >
              {replacesWholeText(finding) ? 'Apply fix: use safe reply' : 'Apply fix'}
            </Button>
          ) : null}
          {!whole ? (
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              onClick={props.onShow}
              disabled={props.stale}
            >
              Show in text
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}
