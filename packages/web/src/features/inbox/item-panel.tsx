import {
  Alert,
  Anchor,
  Badge,
  Button,
  CopyButton,
  Divider,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconEyeOff, IconLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type Ref } from 'react';
import { inboxApi, type InboxItem } from './api';
import { sentimentColor, slaText, sourceLabel, stars, statusColor, topicLabel } from './labels';
import { ReplyComposer } from './reply-composer';

const UNMASK_ROLES = new Set(['owner', 'admin', 'compliance_officer']);
const RESPOND_ROLES = new Set(['owner', 'admin', 'marketer', 'compliance_officer', 'front_desk']);

function ItemText(props: { item: InboxItem; unmasked: InboxItem | undefined }) {
  const shown = props.unmasked ?? props.item;
  return (
    <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="item-text">
      {shown.text}
    </Text>
  );
}

/** One item: its text (PHI masked unless unmasked), analysis, the thread, notes and replies. */
export function ItemPanel(props: {
  orgId: string;
  role: string;
  itemId: string;
  replyRef?: Ref<HTMLTextAreaElement>;
}) {
  const { orgId, itemId } = props;
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: ['reputation', orgId, 'item', itemId],
    queryFn: ({ signal }) => inboxApi.item(orgId, itemId, signal),
  });
  const [unmasked, setUnmasked] = useState<InboxItem>();
  const unmask = useMutation({
    mutationFn: () => inboxApi.unmask(orgId, itemId),
    onSuccess: setUnmasked,
  });
  const [note, setNote] = useState('');
  const addNote = useMutation({
    mutationFn: () => inboxApi.addNote(orgId, itemId, note),
    onSuccess: async () => {
      setNote('');
      await client.invalidateQueries({ queryKey: ['reputation', orgId, 'item', itemId] });
    },
  });
  const postedByHand = useMutation({
    mutationFn: (replyId: string) => inboxApi.postedByHand(orgId, replyId),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reputation', orgId] }),
  });
  if (detail.isPending) return <Text c="dimmed">Loading…</Text>;
  if (detail.isError) return <Alert color="red">{detail.error.message}</Alert>;
  const { item, thread, notes, replies } = detail.data;
  const visible = unmasked?.id === item.id ? unmasked : undefined;
  const open = item.status === 'new' || item.status === 'assigned';
  const sla = open ? slaText(item.slaDueAt, item.overdue) : null;

  return (
    <Stack gap="md" aria-label="Selected item">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {sourceLabel(item.source)} {item.kind}
            {item.rating !== null ? (
              <Text span ml="xs" aria-label={`${item.rating} of 5 stars`}>
                {stars(item.rating)}
              </Text>
            ) : null}
          </Title>
          <Text size="xs" c="dimmed">
            {item.authorName ?? item.authorHandle ?? 'Anonymous'} ·{' '}
            {new Date(item.publishedAt ?? item.receivedAt).toLocaleString()}
            {item.editedAt ? ' · edited' : ''}
            {item.deletedAt ? ' · deleted at the source' : ''}
          </Text>
        </Stack>
        <Badge color={statusColor[item.status]} variant="light">
          {item.status}
        </Badge>
      </Group>
      <Group gap="xs">
        <Badge color={sentimentColor(item.sentimentLabel)} variant="light">
          {item.sentimentLabel ?? 'unscored'}
        </Badge>
        {item.urgency !== 'none' ? (
          <Badge color="red" variant="filled">
            urgent: {item.urgencyReasons.join(', ').replaceAll('_', ' ')}
          </Badge>
        ) : null}
        {item.topics.map((t) => (
          <Badge key={t} variant="outline" color="gray">
            {topicLabel(t)}
          </Badge>
        ))}
        {sla ? (
          <Badge color={item.overdue ? 'red' : 'gray'} variant={item.overdue ? 'filled' : 'light'}>
            {sla}
          </Badge>
        ) : null}
      </Group>
      <Paper withBorder p="md" radius="md">
        <ItemText item={item} unmasked={visible} />
        {item.masked && !visible ? (
          <Group mt="sm" gap="xs">
            <IconEyeOff size={16} aria-hidden />
            <Text size="xs" c="dimmed">
              Patient details hidden ({item.phiCategories.join(', ')}).
            </Text>
            {UNMASK_ROLES.has(props.role) ? (
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconLock size={14} />}
                onClick={() => unmask.mutate()}
                loading={unmask.isPending}
              >
                Show (recorded in the audit trail)
              </Button>
            ) : null}
          </Group>
        ) : null}
        {item.url ? (
          <Anchor
            href={item.url}
            target="_blank"
            rel="noreferrer noopener"
            size="xs"
            mt="xs"
            display="block"
          >
            Open at the source
          </Anchor>
        ) : null}
      </Paper>

      {thread.length > 1 ? (
        <Stack gap="xs">
          <Title order={3} size="h5">
            Thread
          </Title>
          {thread.map((t) => (
            <Paper
              key={t.id}
              p="xs"
              withBorder
              bg={t.id === item.id ? 'var(--mantine-color-blue-light)' : undefined}
            >
              <Text size="xs" c="dimmed">
                {t.authorHandle ?? t.authorName ?? 'Someone'}
              </Text>
              <Text size="sm">{t.text}</Text>
            </Paper>
          ))}
        </Stack>
      ) : null}

      {replies.length > 0 ? (
        <Stack gap="xs">
          <Title order={3} size="h5">
            Replies
          </Title>
          {replies.map((r) => (
            <Paper key={r.id} p="xs" withBorder>
              <Group justify="space-between">
                <Badge variant="light">{r.status.replaceAll('_', ' ')}</Badge>
                {r.remoteUrl ? (
                  <Anchor href={r.remoteUrl} size="xs" target="_blank" rel="noreferrer noopener">
                    View
                  </Anchor>
                ) : null}
              </Group>
              <Text size="sm" mt={4}>
                {r.text}
              </Text>
              {r.lastError ? (
                <Text size="xs" c="red">
                  {r.lastError}
                </Text>
              ) : null}
              {r.status === 'approved' && !item.canReplyInApp ? (
                <Group mt="xs" gap="xs">
                  <CopyButton value={r.text}>
                    {({ copied, copy }) => (
                      <Button size="compact-xs" variant="light" onClick={copy}>
                        {copied ? 'Copied' : 'Copy reply'}
                      </Button>
                    )}
                  </CopyButton>
                  <Button
                    size="compact-xs"
                    onClick={() => postedByHand.mutate(r.id)}
                    loading={postedByHand.isPending}
                  >
                    Mark posted by hand
                  </Button>
                </Group>
              ) : null}
            </Paper>
          ))}
        </Stack>
      ) : null}

      {RESPOND_ROLES.has(props.role) && !item.deletedAt ? (
        <>
          <Divider label="Reply" labelPosition="left" />
          <ReplyComposer
            orgId={orgId}
            item={item}
            textareaRef={props.replyRef}
            onSent={() => undefined}
          />
        </>
      ) : null}

      <Divider label="Internal notes" labelPosition="left" />
      {notes.map((n) => (
        <Paper key={n.id} p="xs" withBorder>
          <Text size="xs" c="dimmed">
            {n.authorName} · {new Date(n.createdAt).toLocaleString()}
          </Text>
          <Text size="sm">{n.body}</Text>
        </Paper>
      ))}
      {RESPOND_ROLES.has(props.role) ? (
        <Stack gap="xs">
          <Textarea
            label="Add a note for the team"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={4000}
          />
          <Group justify="flex-end">
            <Button
              size="xs"
              variant="light"
              onClick={() => addNote.mutate()}
              disabled={!note.trim()}
              loading={addNote.isPending}
            >
              Add note
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Stack>
  );
}
