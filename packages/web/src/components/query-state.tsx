import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/api-error';

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Renders loading and error states for a query, and the children once its data is there. */
export function QueryState<T>(props: {
  query: QueryLike<T>;
  label: string;
  children: (data: T) => ReactNode;
}) {
  const { query, label } = props;
  if (query.isPending) return <LoadingBlock label={`Loading ${label}…`} />;
  if (query.error || query.data === undefined) {
    return (
      <Alert
        color="red"
        variant="light"
        icon={<IconAlertTriangle aria-hidden />}
        title={`Could not load ${label}`}
        role="alert"
      >
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{errorMessage(query.error)}</Text>
          <Button size="xs" variant="default" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }
  return <>{props.children(query.data)}</>;
}

export function LoadingBlock(props: { label: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" aria-hidden />
        <Text size="sm" c="dimmed">
          {props.label}
        </Text>
      </Stack>
    </Center>
  );
}
