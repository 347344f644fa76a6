import { Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A friendly block for "nothing here yet", with what to do next. */
export function EmptyBlock(props: {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="xl" bg="var(--mantine-color-gray-0)">
      <Stack align="center" gap="sm" ta="center">
        <ThemeIcon size={48} radius="xl" variant="light" aria-hidden>
          {props.icon}
        </ThemeIcon>
        <Title order={2} size="h4">
          {props.title}
        </Title>
        {props.children ? (
          <Text c="dimmed" size="sm" maw={480}>
            {props.children}
          </Text>
        ) : null}
        {props.action}
      </Stack>
    </Paper>
  );
}
