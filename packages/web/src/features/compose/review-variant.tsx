import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import type { GuardContext } from '@bedside/guard';
import { useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { GuardedTextarea } from '../guard/guarded-textarea';
import { useLiveGuard } from '../guard/use-live-guard';
import { postsApi, usePostMutation, type Media, type Variant } from './api';
import { CharacterCount } from './character-count';
import { shownFindings } from './compose-state';
import { networkLabels } from './network-label';
import { NetworkPreview } from './network-preview';

/**
 * One variant as a reviewer sees it: the text with the guard's highlights (read-only, but
 * selectable with mouse or keyboard), its count and preview, and a comment on the selected passage.
 */
export function ReviewVariant(props: {
  orgId: string;
  postId: string;
  variant: Variant;
  media: Media[];
  context: GuardContext | undefined;
  canComment: boolean;
}) {
  const { variant } = props;
  const ref = useRef<HTMLTextAreaElement>(null);
  const [range, setRange] = useState<{ start: number; end: number }>();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string>();
  const input = useMemo(
    () => ({
      text: variant.text,
      kind: 'post' as const,
      network: variant.network,
      media: props.media.map((m) => ({ altText: m.altText })),
    }),
    [variant, props.media],
  );
  const live = useLiveGuard(props.context, input);
  const findings = live.status === 'ready' ? shownFindings(live.result.findings) : [];
  const comment = usePostMutation(props.orgId, (anchor: { start: number; end: number }) =>
    postsApi.comment(props.orgId, props.postId, {
      body: body.trim(),
      variantId: variant.id,
      anchorStart: anchor.start,
      anchorEnd: anchor.end,
    }),
  );
  const label = `${networkLabels[variant.network]} · ${variant.handle}`;

  const pickSelection = () => {
    const el = ref.current;
    if (!el || el.selectionEnd <= el.selectionStart) {
      setError(
        'Select the words you want to comment on first (click and drag, or Shift + arrow keys).',
      );
      return;
    }
    setError(undefined);
    setRange({ start: el.selectionStart, end: el.selectionEnd });
  };

  return (
    <Paper withBorder p="md" component="section" aria-label={label} data-variant-id={variant.id}>
      <Stack gap="sm">
        <Text fw={600}>{label}</Text>
        <GuardedTextarea
          label={`Text for ${networkLabels[variant.network]}`}
          description="Read-only. Select words to comment on them."
          value={variant.text}
          onChange={() => undefined}
          findings={findings}
          textareaRef={ref}
          readOnly
        />
        <CharacterCount count={variant.count} limit={variant.limit} network={variant.network} />
        {props.canComment ? (
          range ? (
            <Stack gap="xs">
              <Text size="sm">
                Commenting on: <q>{variant.text.slice(range.start, range.end)}</q>
              </Text>
              <Textarea
                label="Your comment"
                autosize
                minRows={2}
                maxLength={4000}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                error={error}
                data-autofocus
              />
              <Group justify="flex-end">
                <Button variant="default" size="xs" onClick={() => setRange(undefined)}>
                  Cancel
                </Button>
                <Button
                  size="xs"
                  disabled={!body.trim()}
                  loading={comment.isPending}
                  onClick={() =>
                    comment.mutate(range, {
                      onSuccess: () => {
                        setRange(undefined);
                        setBody('');
                      },
                      onError: (e) => setError(errorMessage(e)),
                    })
                  }
                >
                  Add comment
                </Button>
              </Group>
            </Stack>
          ) : (
            <Group justify="space-between">
              {error ? (
                <Text size="xs" c="red.8" role="alert">
                  {error}
                </Text>
              ) : (
                <span />
              )}
              <Button size="xs" variant="light" onClick={pickSelection}>
                Comment on selected text
              </Button>
            </Group>
          )
        ) : null}
        <NetworkPreview
          orgId={props.orgId}
          channel={{
            id: variant.channelId,
            network: variant.network,
            handle: variant.handle,
            displayName: variant.handle,
            status: 'connected',
            limit: variant.limit,
            maxCharacters: null,
          }}
          publishText={variant.publishText}
          media={props.media}
        />
      </Stack>
    </Paper>
  );
}
