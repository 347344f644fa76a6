import { Anchor, Avatar, Group, Image, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ComposeChannel, Media } from './api';
import { mediaUrl } from './api';
import { networkLabels } from './network-label';

/** Splits text into plain runs and links so links show as the network will render them. */
function withLinks(text: string): ReactNode[] {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return parts.map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <Anchor key={i} component="span" size="sm" style={{ wordBreak: 'break-all' }}>
        {part}
      </Anchor>
    ) : (
      <span key={i}>{part}</span>
    ),
  );
}

/**
 * Roughly how the post will look on the network: the account, the text exactly as it will be
 * sent (with UTM parameters on the practice's own links) and the images with their descriptions.
 */
export function NetworkPreview(props: {
  orgId: string;
  channel: ComposeChannel;
  publishText: string;
  media: Media[];
}) {
  const { channel } = props;
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      component="figure"
      m={0}
      aria-label={`Preview on ${networkLabels[channel.network]} as ${channel.handle}`}
      data-testid={`preview-${channel.network}`}
    >
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Avatar size="sm" color="bedside" aria-hidden>
            {/* A handle used as the name ("@clinic@…") starts with its first letter, not "@". */}
            {channel.displayName
              .replace(/^[^\p{L}\p{N}]+/u, '')
              .slice(0, 1)
              .toUpperCase() || '?'}
          </Avatar>
          <div>
            <Text size="sm" fw={600} lh={1.2}>
              {channel.displayName}
            </Text>
            <Text size="xs" c="dimmed" lh={1.2}>
              {channel.handle} · {networkLabels[channel.network]}
            </Text>
          </div>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {props.publishText ? (
            withLinks(props.publishText)
          ) : (
            <Text span c="dimmed">
              Nothing written yet.
            </Text>
          )}
        </Text>
        {props.media.length > 0 ? (
          <SimpleGrid cols={Math.min(2, props.media.length)} spacing={4}>
            {props.media.map((m) => (
              <Image
                key={m.id}
                src={mediaUrl(props.orgId, m.id)}
                alt={m.altText}
                radius="sm"
                h={110}
                fit="cover"
              />
            ))}
          </SimpleGrid>
        ) : null}
      </Stack>
    </Paper>
  );
}
