import { Group, Text, UnstyledButton } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import classes from './work-card.module.css';

export interface WorkCardProps {
  label: string;
  count: number;
  /** What the number means, or where it leads. */
  hint: string;
  to: string;
  /** Red when there is something: overdue, urgent, failed. */
  alarm?: boolean;
}

/**
 * One count that needs someone, as a link to the list it counts. The link's name says both
 * ("Overdue: 3. Past their response time…"); zero is shown quietly, not hidden, so the panel keeps
 * its shape from one morning to the next.
 */
export function WorkCard(props: WorkCardProps) {
  const some = props.count > 0;
  const tone = some ? (props.alarm ? 'red.8' : 'bedside.8') : 'dimmed';
  return (
    <UnstyledButton
      component={Link}
      to={props.to}
      className={classes.row}
      aria-label={`${props.label}: ${props.count}. ${props.hint}`}
      data-count={props.count}
    >
      <Group wrap="nowrap" gap="sm" align="center">
        <Text fw={700} fz={24} lh={1} c={tone} miw={44} ta="right" aria-hidden>
          {props.count}
        </Text>
        <div style={{ flex: 1, minWidth: 0 }} aria-hidden>
          <Text fw={600} size="sm" c={some ? undefined : 'dimmed'}>
            {props.label}
          </Text>
          <Text size="xs" c="dimmed">
            {props.hint}
          </Text>
        </div>
        <IconChevronRight size={16} aria-hidden color="var(--mantine-color-gray-5)" />
      </Group>
    </UnstyledButton>
  );
}
