import { Badge, Button, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import type { GuardContext } from '@bedside/guard';
import { useMemo } from 'react';
import { GuardedTextarea } from '../guard/guarded-textarea';
import { useLiveGuard } from '../guard/use-live-guard';
import type { ComposeChannel, Media } from './api';
import { CharacterCount } from './character-count';
import { shownFindings, type VariantDraft, type VariantPreview } from './compose-state';
import { networkLabels } from './network-label';
import { NetworkPreview } from './network-preview';

/**
 * One channel's version of the post: included or not, the base text or its own wording, the
 * guard's findings for that network, the count by that network's rule and a preview.
 */
export function VariantEditor(props: {
  orgId: string;
  channel: ComposeChannel;
  variant: VariantDraft;
  text: string;
  preview: VariantPreview;
  media: Media[];
  context: GuardContext | undefined;
  serverError: string | undefined;
  onChange: (next: VariantDraft) => void;
}) {
  const { channel, variant, preview } = props;
  const input = useMemo(
    () => ({
      text: props.text,
      kind: 'post' as const,
      network: channel.network,
      ...(channel.maxCharacters ? { maxCharacters: channel.maxCharacters } : {}),
      media: props.media.map((m) => ({ altText: m.altText })),
    }),
    [props.text, channel, props.media],
  );
  const live = useLiveGuard(props.context, input);
  const findings = live.status === 'ready' ? shownFindings(live.result.findings) : [];
  const label = `${networkLabels[channel.network]} · ${channel.handle}`;
  const error =
    props.serverError ??
    (preview.over
      ? `${networkLabels[channel.network]} allows ${preview.limit} characters here; shorten this by ${preview.count - preview.limit}.`
      : undefined);

  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-label={label}
      data-testid={`variant-${channel.network}`}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Checkbox
            label={<Text fw={600}>{label}</Text>}
            checked={variant.included}
            disabled={channel.status !== 'connected' && !variant.included}
            onChange={(e) => props.onChange({ ...variant, included: e.currentTarget.checked })}
          />
          {channel.status !== 'connected' ? (
            <Badge color="orange" variant="light" tt="none">
              Reconnect needed
            </Badge>
          ) : null}
        </Group>
        {variant.included ? (
          <>
            {variant.tailored === null ? (
              <Group justify="space-between" gap="xs">
                <Text size="sm" c="dimmed">
                  Uses the main text.
                </Text>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => props.onChange({ ...variant, tailored: props.text })}
                >
                  Tailor for {networkLabels[channel.network]}
                </Button>
              </Group>
            ) : (
              <>
                <GuardedTextarea
                  label={`Text for ${networkLabels[channel.network]}`}
                  value={variant.tailored}
                  onChange={(value) => props.onChange({ ...variant, tailored: value })}
                  findings={findings}
                  error={error}
                />
                <Group justify="flex-end">
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => props.onChange({ ...variant, tailored: null })}
                  >
                    Use the main text again
                  </Button>
                </Group>
              </>
            )}
            {variant.tailored === null && error ? (
              <Text size="sm" c="red.8" role="alert">
                {error}
              </Text>
            ) : null}
            <CharacterCount count={preview.count} limit={preview.limit} network={channel.network} />
            {variant.tailored === null && findings.length > 0 ? (
              <Text size="xs" c="dimmed">
                The guard&apos;s findings for this network are shown on the main text.
              </Text>
            ) : null}
            <NetworkPreview
              orgId={props.orgId}
              channel={channel}
              publishText={preview.publishText}
              media={props.media}
            />
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
