import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { formatDateTime } from '../../lib/format';
import { settingsApi, type AlertLevel, type Webhook } from './api';

export const LEVEL_LABELS: Record<AlertLevel, string> = {
  urgent: 'Urgent items only',
  negative: 'Negative and urgent items',
  all: 'Every new item',
  none: 'Nothing',
};

/**
 * Outbound alert webhooks: JSON (HMAC-signed) or Slack-compatible. The signing secret is shown
 * once, when the webhook is added; a test alert shows the receiver works.
 */
export function WebhooksSection(props: { orgId: string }) {
  const { orgId } = props;
  const client = useQueryClient();
  const key = ['reputation', orgId, 'webhooks'];
  const webhooks = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => settingsApi.webhooks(orgId, signal),
  });
  const [url, setUrl] = useState('');
  const [slack, setSlack] = useState(false);
  const [level, setLevel] = useState<AlertLevel>('negative');
  const [secret, setSecret] = useState<{ url: string; secret: string }>();
  const add = useMutation({
    mutationFn: () =>
      settingsApi.addWebhook(orgId, { url, format: slack ? 'slack' : 'json', level }),
    onSuccess: async (created) => {
      setSecret({ url: created.webhook.url, secret: created.secret });
      setUrl('');
      await client.invalidateQueries({ queryKey: key });
    },
  });
  const test = useMutation({
    mutationFn: (hook: Webhook) => settingsApi.testWebhook(orgId, hook.id),
    onSuccess: async (result) => {
      notifications.show(
        result.status === 'ok'
          ? { color: 'teal', message: 'The test alert was delivered.' }
          : { color: 'red', message: `The test alert was not accepted: ${result.status}.` },
      );
      await client.invalidateQueries({ queryKey: key });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const remove = useMutation({
    mutationFn: (hook: Webhook) => settingsApi.removeWebhook(orgId, hook.id),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const fields = add.error instanceof ApiError ? add.error.fields : {};
  const list = webhooks.data?.webhooks ?? [];

  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="webhooks-title"
    >
      <Title order={2} size="h4" id="webhooks-title">
        Alert webhooks
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        New negative or urgent items are posted to these addresses within a minute — the source,
        stars, sentiment and a link, never the review text or the reviewer.
      </Text>
      {webhooks.error ? <FormError message={errorMessage(webhooks.error)} /> : null}
      {list.length > 0 ? (
        <Table aria-label="Alert webhooks" verticalSpacing="xs" mb="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Address</Table.Th>
              <Table.Th>Sends</Table.Th>
              <Table.Th>Last delivery</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((hook) => (
              <Table.Tr key={hook.id}>
                <Table.Td>
                  <Text size="sm" style={{ wordBreak: 'break-all' }}>
                    {hook.url}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {hook.format === 'slack' ? 'Slack-compatible' : 'JSON, signed'}
                  </Text>
                </Table.Td>
                <Table.Td>{LEVEL_LABELS[hook.level]}</Table.Td>
                <Table.Td>
                  {hook.lastStatus ? (
                    <Badge color={hook.lastStatus === 'ok' ? 'teal' : 'red'} variant="light">
                      {hook.lastStatus === 'ok' ? 'Delivered' : hook.lastStatus}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Nothing sent yet
                    </Text>
                  )}
                  {hook.lastDeliveryAt ? (
                    <Text size="xs" c="dimmed">
                      {formatDateTime(hook.lastDeliveryAt)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="default"
                      loading={test.isPending && test.variables?.id === hook.id}
                      onClick={() => test.mutate(hook)}
                      aria-label={`Send a test alert to ${hook.url}`}
                    >
                      Send test
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      loading={remove.isPending && remove.variables?.id === hook.id}
                      onClick={() => remove.mutate(hook)}
                      aria-label={`Delete the webhook ${hook.url}`}
                    >
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {secret ? (
        <Alert
          color="yellow"
          title="Copy the signing secret now"
          mb="md"
          withCloseButton
          closeButtonLabel="I have copied it"
          onClose={() => setSecret(undefined)}
        >
          <Stack gap="xs">
            <Text size="sm">
              Deliveries to {secret.url} carry <Code>X-Bedside-Signature</Code>: HMAC-SHA256 of the
              timestamp, a dot and the body, with this secret. It is shown only once.
            </Text>
            <Group gap="xs">
              <Code data-testid="webhook-secret">{secret.secret}</Code>
              <CopyButton value={secret.secret}>
                {({ copied, copy }) => (
                  <Button size="compact-sm" variant="light" onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      ) : null}
      <form
        noValidate
        aria-label="Add a webhook"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Webhook address"
            placeholder="https://hooks.example.com/…"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={fields.url}
            required
            style={{ flex: 1, minWidth: 240 }}
          />
          <Select
            label="Send"
            data={(['negative', 'urgent', 'all'] as const).map((v) => ({
              value: v,
              label: LEVEL_LABELS[v],
            }))}
            value={level}
            onChange={(v) => setLevel((v as AlertLevel | null) ?? 'negative')}
            allowDeselect={false}
            w={250}
          />
          <Checkbox
            label="Slack-compatible"
            checked={slack}
            onChange={(e) => setSlack(e.currentTarget.checked)}
            mb={8}
          />
          <Button type="submit" loading={add.isPending}>
            Add webhook
          </Button>
        </Group>
        <FormError
          message={
            add.error && Object.keys(fields).length === 0 ? errorMessage(add.error) : undefined
          }
        />
      </form>
    </Paper>
  );
}
