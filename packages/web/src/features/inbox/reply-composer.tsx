import { Alert, Button, Group, List, Select, Stack, Text } from '@mantine/core';
import { IconHandStop } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type Ref } from 'react';
import { ApiError } from '../../api/api-error';
import { GuardedTextarea } from '../guard/guarded-textarea';
import { useGuardContext, useLiveGuard } from '../guard/use-live-guard';
import { VerdictBadge } from '../guard/verdict-badge';
import { inboxApi, type InboxItem, type Reply } from './api';
import { sourceLabel } from './labels';

interface Blocked {
  message: string;
  findings: { rule: string; message: string }[];
  suggested: { id: string; text: string; situation: string } | null;
}

function blockedFrom(error: unknown): Blocked | null {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return null;
  const details = error.details as {
    findings?: Blocked['findings'];
    suggestedTemplate?: Blocked['suggested'];
  } | null;
  if (!details?.findings) return null;
  return {
    message: error.message,
    // One line per reason: the guard finds the same rule at each phrase that breaks it.
    findings: details.findings.filter(
      (f, i, all) => all.findIndex((g) => g.message === f.message) === i,
    ),
    suggested: details.suggestedTemplate ?? null,
  };
}

/**
 * Drafts a reply to an item: checked live by the guard against the review it answers (the
 * server checks again), with the library of safe templates. A blocked reply shows why and offers
 * the safe template for the situation.
 */
export function ReplyComposer(props: {
  orgId: string;
  item: InboxItem;
  textareaRef?: Ref<HTMLTextAreaElement>;
  onSent: (reply: Reply) => void;
}) {
  const { orgId, item } = props;
  const [text, setText] = useState('');
  const [templateId, setTemplateId] = useState<string | null>(null);
  const context = useGuardContext(orgId);
  const live = useLiveGuard(context.data, { kind: 'reply', text, review: item.text });
  const templates = useQuery({
    queryKey: ['reputation', orgId, 'templates', item.id],
    queryFn: ({ signal }) => inboxApi.templates(orgId, item.id, signal),
  });
  const client = useQueryClient();
  const send = useMutation({
    mutationFn: () => inboxApi.reply(orgId, item.id, { text, templateId }),
    onSuccess: async (reply) => {
      setText('');
      setTemplateId(null);
      await client.invalidateQueries({ queryKey: ['reputation', orgId] });
      props.onSent(reply);
    },
  });
  const blocked = blockedFrom(send.error);
  const findings = live.status === 'ready' && live.checkedText === text ? live.result.findings : [];
  const useTemplate = (id: string | null) => {
    setTemplateId(id);
    const template = templates.data?.templates.find((t) => t.id === id);
    if (template) setText(template.text);
  };

  return (
    <Stack gap="sm">
      <Select
        label="Start from a safe template"
        placeholder="Choose a situation"
        data={(templates.data?.templates ?? []).map((t) => ({
          value: t.id,
          label: `${t.situation}${t.id === templates.data?.suggested ? ' (suggested)' : ''}`,
        }))}
        value={templateId}
        onChange={useTemplate}
        clearable
      />
      <GuardedTextarea
        label="Reply"
        description="Never confirm that the reviewer is a patient, and never mention their care, visit or bill."
        value={text}
        onChange={setText}
        findings={findings}
        textareaRef={props.textareaRef}
        maxLength={4000}
      />
      {live.status === 'ready' && text ? (
        <Group gap="xs">
          <VerdictBadge verdict={live.result.verdict} size="md" />
        </Group>
      ) : null}
      {blocked ? (
        <Alert
          color="red"
          icon={<IconHandStop size={18} />}
          title="This reply was stopped"
          role="alert"
        >
          <Stack gap="xs">
            <Text size="sm">{blocked.message}</Text>
            <List size="sm">
              {blocked.findings.map((f, i) => (
                <List.Item key={`${f.rule}-${i}`}>{f.message}</List.Item>
              ))}
            </List>
            {blocked.suggested ? (
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  Safe template: {blocked.suggested.situation}
                </Text>
                <Text size="sm" c="dimmed">
                  {blocked.suggested.text}
                </Text>
                <Group>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => {
                      setTemplateId(blocked.suggested?.id ?? null);
                      setText(blocked.suggested?.text ?? '');
                      send.reset();
                    }}
                  >
                    Use the safe template
                  </Button>
                </Group>
              </Stack>
            ) : null}
          </Stack>
        </Alert>
      ) : send.error ? (
        <Alert color="red" role="alert">
          {send.error.message}
        </Alert>
      ) : null}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {item.canReplyInApp
            ? `Sent to ${sourceLabel(item.source)} when approved.`
            : 'This site has no reply API: copy the approved reply and post it there by hand.'}
        </Text>
        <Button onClick={() => send.mutate()} loading={send.isPending} disabled={!text.trim()}>
          {item.canReplyInApp ? 'Send reply' : 'Approve reply'}
        </Button>
      </Group>
    </Stack>
  );
}
