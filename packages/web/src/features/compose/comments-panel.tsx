import {
  Badge,
  Blockquote,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { formatDateTime } from '../../lib/format';
import { postsApi, usePostMutation, type Comment, type Post } from './api';
import { networkLabels } from './network-label';

/** Selects the commented passage in its variant's text, so keyboard and screen-reader users find it too. */
function showInText(comment: Comment): void {
  if (comment.anchorStart === null || comment.anchorEnd === null || !comment.variantId) return;
  const textarea = document.querySelector<HTMLTextAreaElement>(
    `[data-variant-id="${CSS.escape(comment.variantId)}"] textarea`,
  );
  if (!textarea) return;
  textarea.focus();
  textarea.setSelectionRange(comment.anchorStart, comment.anchorEnd);
}

const kindLabels = {
  comment: { label: 'Comment', color: 'gray' },
  changes_requested: { label: 'Changes requested', color: 'yellow' },
  rejected: { label: 'Rejected', color: 'red' },
} as const;

/** The conversation on a post: inline comments with the passage they are about, and reviewers' decisions. */
export function CommentsPanel(props: { orgId: string; post: Post; canComment: boolean }) {
  const { post } = props;
  const [body, setBody] = useState('');
  const [error, setError] = useState<string>();
  const add = usePostMutation(props.orgId, () =>
    postsApi.comment(props.orgId, post.id, { body: body.trim() }),
  );
  const resolve = usePostMutation(props.orgId, (commentId: string) =>
    postsApi.resolveComment(props.orgId, post.id, commentId),
  );
  const channelOf = (variantId: string | null) => {
    const v = post.variants.find((x) => x.id === variantId);
    return v ? `${networkLabels[v.network]} · ${v.handle}` : undefined;
  };
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="comments-title"
    >
      <Stack gap="md">
        <Title order={2} size="h4" id="comments-title">
          Comments ({post.comments.length})
        </Title>
        {post.comments.length === 0 ? (
          <Text size="sm" c="dimmed">
            No comments yet. Select words in a channel&apos;s text to comment on them.
          </Text>
        ) : (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {post.comments.map((c) => (
              <Paper component="li" key={c.id} withBorder p="sm" opacity={c.resolved ? 0.6 : 1}>
                <Stack gap={6}>
                  <Group gap="xs" justify="space-between">
                    <Group gap="xs">
                      <Text size="sm" fw={600}>
                        {c.authorName}
                      </Text>
                      <Badge size="sm" variant="light" tt="none" color={kindLabels[c.kind].color}>
                        {kindLabels[c.kind].label}
                      </Badge>
                      {c.postVersion !== post.version ? (
                        <Badge size="sm" variant="outline" tt="none" color="gray">
                          on version {c.postVersion}
                        </Badge>
                      ) : null}
                      {c.resolved ? (
                        <Badge size="sm" variant="outline" tt="none" color="gray">
                          Resolved
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(c.createdAt)}
                    </Text>
                  </Group>
                  {c.quote ? (
                    <Blockquote
                      p="xs"
                      cite={channelOf(c.variantId)}
                      styles={{ root: { fontSize: 'var(--mantine-font-size-sm)' } }}
                    >
                      {c.quote}
                    </Blockquote>
                  ) : null}
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {c.body}
                  </Text>
                  {props.canComment && !c.resolved && c.kind === 'comment' ? (
                    <Group justify="flex-end">
                      {c.quote && c.postVersion === post.version ? (
                        <Button size="compact-xs" variant="subtle" onClick={() => showInText(c)}>
                          Show in text
                        </Button>
                      ) : null}
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => resolve.mutate(c.id)}
                      >
                        Mark resolved
                      </Button>
                    </Group>
                  ) : null}
                </Stack>
              </Paper>
            ))}
          </Stack>
        )}
        {props.canComment ? (
          <Stack gap="xs">
            <Textarea
              label="Comment on the whole post"
              autosize
              minRows={2}
              maxLength={4000}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              error={error}
            />
            <Group justify="flex-end">
              <Button
                size="xs"
                variant="light"
                disabled={!body.trim()}
                loading={add.isPending}
                onClick={() =>
                  add.mutate(undefined, {
                    onSuccess: () => {
                      setBody('');
                      setError(undefined);
                    },
                    onError: (e) => setError(errorMessage(e)),
                  })
                }
              >
                Add comment
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
