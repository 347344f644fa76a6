import { Badge, Button, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconHandStop, IconInfoCircle, IconWand } from '@tabler/icons-react';
import type { Finding, Severity } from '@bedside/guard';
import { hasTextFix } from './apply-fix';

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
          <Text size="xs" c="dimmed">
            Suggested fix: {finding.fix.description}
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
              aria-label={`Apply fix: ${finding.fix?.description ?? ''}`}
            >
              Apply fix
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
