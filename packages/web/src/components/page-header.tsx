import { Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's one h1. It sets the document title and takes focus when the page opens, so
 * keyboard and screen-reader users land at the top of the new page after navigating.
 */
export function PageHeader(props: { title: string; description?: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · Bedside`;
    // React Router counts in-app navigations in history.state.idx; on the very first page load
    // the browser's own initial focus is kept.
    const state = window.history.state as { idx?: number } | null;
    if ((state?.idx ?? 0) > 0) ref.current?.focus();
  }, [props.title]);
  return (
    <Group justify="space-between" align="flex-start" mb="lg" gap="md">
      <Stack gap={4} style={{ flex: '1 1 20rem' }}>
        <Title order={1} ref={ref} tabIndex={-1} className="page-title">
          {props.title}
        </Title>
        {props.description ? (
          <Text c="dimmed" size="sm" maw={720}>
            {props.description}
          </Text>
        ) : null}
      </Stack>
      {props.actions ? <Group gap="sm">{props.actions}</Group> : null}
    </Group>
  );
}
