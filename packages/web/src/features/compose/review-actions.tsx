import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { postsApi, usePostMutation, type Post } from './api';

type Decision = 'request-changes' | 'reject';

/** Approve, request changes or reject — what a reviewer can do with the version in front of them. */
export function ReviewActions(props: { orgId: string; post: Post }) {
  const { post } = props;
  const [decision, setDecision] = useState<Decision>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const approve = usePostMutation(props.orgId, () =>
    postsApi.approve(props.orgId, post.id, { version: post.version }),
  );
  const decline = usePostMutation(props.orgId, (input: { decision: Decision; reason: string }) =>
    postsApi.decline(props.orgId, post.id, { version: post.version, ...input }),
  );

  return (
    <Stack gap="xs">
      {error && !decision ? (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      ) : null}
      <Group gap="sm">
        <Button
          onClick={() => {
            setError(undefined);
            approve.mutate(undefined, { onError: (e) => setError(errorMessage(e)) });
          }}
          loading={approve.isPending}
        >
          Approve version {post.version}
        </Button>
        <Button variant="default" onClick={() => setDecision('request-changes')}>
          Request changes
        </Button>
        <Button variant="subtle" color="red" onClick={() => setDecision('reject')}>
          Reject
        </Button>
      </Group>
      <Modal
        opened={decision !== undefined}
        onClose={() => setDecision(undefined)}
        title={decision === 'reject' ? 'Reject this post' : 'Request changes'}
      >
        <Stack gap="md">
          <Textarea
            label={decision === 'reject' ? 'Why is it rejected?' : 'What should change?'}
            description="The author sees this; it is kept with the post."
            required
            autosize
            minRows={3}
            maxLength={4000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={decision ? error : undefined}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDecision(undefined)}>
              Cancel
            </Button>
            <Button
              color={decision === 'reject' ? 'red' : undefined}
              loading={decline.isPending}
              disabled={reason.trim().length < 5}
              onClick={() => {
                if (!decision) return;
                setError(undefined);
                decline.mutate(
                  { decision, reason: reason.trim() },
                  {
                    onSuccess: () => {
                      setDecision(undefined);
                      setReason('');
                    },
                    onError: (e) => setError(errorMessage(e)),
                  },
                );
              }}
            >
              {decision === 'reject' ? 'Reject post' : 'Send back to the author'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
