import { Badge, Stack, Text } from '@mantine/core';
import type { Channel } from '../../api/types';

/** Connected, or Reconnect needed with the network's reason in words. */
export function ChannelStatusBadge(props: { channel: Channel }) {
  const { status, statusReason } = props.channel;
  if (status === 'connected')
    return (
      <Badge color="green" variant="light">
        Connected
      </Badge>
    );
  return (
    <Stack gap={2} align="flex-start">
      <Badge color="orange" variant="light">
        Reconnect needed
      </Badge>
      {statusReason ? (
        <Text size="xs" c="dimmed">
          {statusReason}
        </Text>
      ) : null}
    </Stack>
  );
}
