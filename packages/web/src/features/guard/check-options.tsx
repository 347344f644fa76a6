import {
  Button,
  Group,
  NativeSelect,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import type { CheckKind, NetworkId } from '@bedside/guard';
import { examples } from './examples';

const kinds: { value: CheckKind; label: string }[] = [
  { value: 'post', label: 'Post' },
  { value: 'reply', label: 'Reply to a review' },
  { value: 'message', label: 'Message to patients' },
];

const networks: { value: NetworkId | ''; label: string }[] = [
  { value: '', label: 'Any network' },
  { value: 'facebook', label: 'Facebook' },
  { value: 'instagram', label: 'Instagram' },
  { value: 'linkedin', label: 'LinkedIn' },
  { value: 'x', label: 'X' },
  { value: 'gbp', label: 'Google Business Profile' },
  { value: 'bluesky', label: 'Bluesky' },
  { value: 'mastodon', label: 'Mastodon' },
];

export function CheckOptions(props: {
  kind: CheckKind;
  onKindChange: (kind: CheckKind) => void;
  network: NetworkId | '';
  onNetworkChange: (network: NetworkId | '') => void;
  review: string;
  onReviewChange: (review: string) => void;
  onExample: (example: (typeof examples)[number]) => void;
}) {
  return (
    <Stack gap="md">
      <Stack gap={6} role="group" aria-labelledby="kind-label">
        <Text size="sm" fw={500} id="kind-label">
          What are you writing?
        </Text>
        <SegmentedControl
          value={props.kind}
          onChange={(value) => props.onKindChange(value as CheckKind)}
          data={kinds}
          fullWidth
          orientation="horizontal"
          styles={{ label: { whiteSpace: 'normal', lineHeight: 1.3 } }}
        />
      </Stack>
      {props.kind === 'reply' ? (
        <Textarea
          label="Review being answered"
          description="Paste the review or comment. The guard reads it to catch replies that confirm the reviewer is a patient."
          value={props.review}
          onChange={(event) => props.onReviewChange(event.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={6}
        />
      ) : null}
      {props.kind === 'post' ? (
        <NativeSelect
          label="Network"
          description="Checks that network's length and hashtag limits."
          value={props.network}
          onChange={(event) => props.onNetworkChange(event.currentTarget.value as NetworkId | '')}
          data={networks}
          maw={320}
        />
      ) : null}
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          Try an example:
        </Text>
        {examples.map((example) => (
          <Button
            key={example.label}
            size="compact-xs"
            variant="default"
            onClick={() => props.onExample(example)}
          >
            {example.label}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}
