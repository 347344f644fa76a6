import { Group, Progress, Text } from '@mantine/core';
import type { NetworkId } from '@bedside/guard';
import { countingRule } from './network-label';

/** "212 / 300" with a bar; over the limit it says so in words (not colour alone). */
export function CharacterCount(props: {
  count: number;
  limit: number;
  network: NetworkId;
  id?: string;
}) {
  const over = props.count > props.limit;
  const ratio = Math.min(1, props.count / props.limit);
  return (
    <Group gap="xs" wrap="nowrap" id={props.id} data-testid="character-count">
      <Progress
        value={ratio * 100}
        color={over ? 'red' : ratio > 0.9 ? 'yellow' : 'bedside'}
        size="sm"
        w={80}
        aria-hidden
      />
      <Text size="xs" c={over ? 'red.8' : 'dimmed'} fw={over ? 700 : 400}>
        {props.count.toLocaleString()} / {props.limit.toLocaleString()}
        {over ? ` — ${(props.count - props.limit).toLocaleString()} over the limit` : ''}
      </Text>
      <span className="visually-hidden">({countingRule[props.network]})</span>
    </Group>
  );
}
