import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { networkLabels } from '../compose/network-label';
import type { CalendarEntry } from './api';
import { useResolveTarget } from './api';

/** A person settles an unconfirmed post after looking on the network. */
export function CheckDialog(props: {
  orgId: string;
  entry: CalendarEntry | null;
  onClose: () => void;
}) {
  const [url, setUrl] = useState('');
  const resolve = useResolveTarget(props.orgId);
  const { entry } = props;
  const network = entry
    ? (networkLabels[entry.network as keyof typeof networkLabels] ?? entry.network)
    : '';
  const error = resolve.error instanceof ApiError ? resolve.error : null;
  const settle = (resolution: 'published' | 'retry' | 'failed') =>
    entry &&
    resolve.mutate(
      {
        targetId: entry.targetId,
        resolution,
        ...(resolution === 'published' && url ? { url } : {}),
      },
      { onSuccess: props.onClose },
    );
  return (
    <Modal
      opened={entry !== null}
      onClose={props.onClose}
      title={`Check the post on ${network}`}
      centered
    >
      {entry ? (
        <Stack gap="sm">
          <Text size="sm">{entry.error?.message}</Text>
          <Text size="sm">
            Look on {entry.handle}. If the post is there, mark it published (add its address if you
            have it). If it is not, send it now — or leave it unsent.
          </Text>
          <TextInput
            label="Address of the post (optional)"
            placeholder="https://…"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
          {error ? <FormError message={Object.values(error.fields)[0] ?? error.message} /> : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => settle('failed')} loading={resolve.isPending}>
              Leave unsent
            </Button>
            <Button variant="light" onClick={() => settle('retry')} loading={resolve.isPending}>
              It is not there — send it
            </Button>
            <Button onClick={() => settle('published')} loading={resolve.isPending}>
              It is there
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
