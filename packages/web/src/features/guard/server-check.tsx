import { Button, Group, Text } from '@mantine/core';
import type { CheckInput, CheckResult } from '@bedside/guard';
import { useMutation } from '@tanstack/react-query';
import { IconServer } from '@tabler/icons-react';
import { errorMessage } from '../../api/api-error';
import { endpoints } from '../../api/endpoints';
import { verdictLabel } from './verdict-badge';

/** Asks the server for its verdict: the one that counts when something is saved or published. */
export function ServerCheck(props: { orgId: string; input: CheckInput }) {
  const check = useMutation({
    mutationFn: (input: CheckInput): Promise<CheckResult> =>
      endpoints.guardCheck(props.orgId, {
        text: input.text,
        kind: input.kind,
        ...(input.review ? { review: input.review } : {}),
        ...(input.network ? { network: input.network } : {}),
      }),
  });
  // A server verdict is only shown for the exact input it was given.
  const checkedThis = check.data !== undefined && check.variables === props.input;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="xs" c={check.error ? 'red.8' : 'dimmed'} role="status" aria-live="polite">
        {check.error
          ? errorMessage(check.error)
          : check.data && checkedThis
            ? `Server: ${verdictLabel(check.data.verdict)} (${check.data.findings.length} findings)`
            : ''}
      </Text>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconServer size={14} aria-hidden />}
        loading={check.isPending}
        disabled={!props.input.text.trim()}
        onClick={() => check.mutate(props.input)}
      >
        Check on server
      </Button>
    </Group>
  );
}
