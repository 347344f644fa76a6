import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  PasswordInput,
  SegmentedControl,
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
import { useChannels } from '../channels/use-channels';
import { sourceLabel } from '../inbox/labels';
import { useLocations } from '../locations/use-locations';
import { settingsApi, type SourceView } from './api';

/** Networks whose mentions Bedside can read through a connected account. */
const READABLE = new Set(['bluesky', 'mastodon', 'gbp', 'facebook', 'instagram', 'linkedin', 'x']);

const STATUS: Record<string, { label: string; color: string }> = {
  ok: { label: 'Working', color: 'teal' },
  backing_off: { label: 'Retrying later', color: 'yellow' },
  failing: { label: 'Failing', color: 'red' },
  paused: { label: 'Paused', color: 'gray' },
};

export const sourcesKey = (orgId: string) => ['reputation', orgId, 'sources'];

/** When polling happened and what went wrong, in words: failures, the error, the next try. */
function pollText(s: SourceView): string {
  if (s.mode === 'webhook')
    return s.lastSuccessAt
      ? `Last delivery ${formatDateTime(s.lastSuccessAt)}`
      : 'Waiting for the first delivery';
  if (!s.lastPolledAt) return 'Not read yet';
  return `Last read ${formatDateTime(s.lastPolledAt)}${
    s.lastSuccessAt && s.lastSuccessAt !== s.lastPolledAt
      ? ` (last success ${formatDateTime(s.lastSuccessAt)})`
      : ''
  }`;
}

/** Where reviews come from: status, last read, errors and backoff; add, pause, resume, remove. */
export function SourcesSection(props: { orgId: string; canManage: boolean }) {
  const { orgId, canManage } = props;
  const client = useQueryClient();
  const sources = useQuery({
    queryKey: sourcesKey(orgId),
    queryFn: ({ signal }) => settingsApi.sources(orgId, signal),
    refetchInterval: 30_000,
  });
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<SourceView>();
  const refresh = () => client.invalidateQueries({ queryKey: ['reputation', orgId] });
  const toggle = useMutation({
    mutationFn: (s: SourceView) => settingsApi.setEnabled(orgId, s.id, !s.enabled),
    onSuccess: refresh,
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const remove = useMutation({
    mutationFn: (s: SourceView) => settingsApi.removeSource(orgId, s.id),
    onSuccess: async () => {
      setRemoving(undefined);
      await refresh();
    },
  });
  const list = sources.data?.sources ?? [];

  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="sources-title"
    >
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} size="h4" id="sources-title">
            Review sources
          </Title>
          <Text size="sm" c="dimmed">
            Connected accounts are read every few minutes; a source that errors waits longer before
            each new try and shows why here.
          </Text>
        </div>
        {canManage ? <Button onClick={() => setAdding(true)}>Add a source</Button> : null}
      </Group>
      {sources.error ? <FormError message={errorMessage(sources.error)} /> : null}
      {list.length === 0 && sources.isSuccess ? (
        <Text size="sm" c="dimmed">
          No sources yet. Add a connected account or a Meta webhook, or import reviews from a review
          site below.
        </Text>
      ) : (
        <Table aria-label="Review sources" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Source</Table.Th>
              <Table.Th w={140}>Status</Table.Th>
              <Table.Th>Reading</Table.Th>
              {canManage ? <Table.Th>Actions</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((s) => {
              const status = STATUS[s.status] ?? { label: s.status, color: 'gray' };
              return (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Text fw={500}>{s.name}</Text>
                    <Text size="xs" c="dimmed">
                      {sourceLabel(s.source)} ·{' '}
                      {s.mode === 'webhook' ? 'webhook' : 'read by Bedside'}
                    </Text>
                    {s.webhookPath ? (
                      <Text size="xs">
                        Callback URL: <Code>{`${window.location.origin}${s.webhookPath}`}</Code>
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={status.color} variant="light" style={{ overflow: 'visible' }}>
                      {status.label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{pollText(s)}</Text>
                    {s.lastErrorMessage ? (
                      <Text size="sm" c="red.8" role="status">
                        {s.consecutiveFailures > 0
                          ? `${s.consecutiveFailures} failed ${s.consecutiveFailures === 1 ? 'try' : 'tries'}: `
                          : ''}
                        {s.lastErrorMessage}
                      </Text>
                    ) : null}
                    {s.enabled && s.nextPollAt && s.status !== 'ok' ? (
                      <Text size="xs" c="dimmed">
                        Next try {formatDateTime(s.nextPollAt)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  {canManage ? (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="default"
                          loading={toggle.isPending && toggle.variables?.id === s.id}
                          onClick={() => toggle.mutate(s)}
                          aria-label={`${s.enabled ? 'Pause' : 'Resume'} ${s.name}`}
                        >
                          {s.enabled ? 'Pause' : 'Resume'}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => setRemoving(s)}
                          aria-label={`Remove ${s.name}`}
                        >
                          Remove
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title="Add a review source" size="lg">
        <AddSourceForm orgId={orgId} onDone={() => setAdding(false)} />
      </Modal>
      <Modal
        opened={removing !== undefined}
        onClose={() => setRemoving(undefined)}
        title={`Remove ${removing?.name ?? 'source'}?`}
      >
        <Stack>
          <Text size="sm">
            Bedside stops reading it. Its reviews and comments stay in the inbox with their notes
            and replies; answers to them are then posted by hand.
          </Text>
          <FormError message={remove.error ? errorMessage(remove.error) : undefined} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(undefined)}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => removing && remove.mutate(removing)}
            >
              Remove source
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function AddSourceForm(props: { orgId: string; onDone: () => void }) {
  const { orgId } = props;
  const client = useQueryClient();
  const channels = useChannels(orgId);
  const locations = useLocations(orgId);
  const [mode, setMode] = useState<'poll' | 'webhook'>('poll');
  const [channelId, setChannelId] = useState<string | null>(null);
  // Said here, before the request: the API's own check of an empty id is worded for developers.
  const [noAccount, setNoAccount] = useState(false);
  const [network, setNetwork] = useState<'facebook' | 'instagram'>('facebook');
  const [name, setName] = useState('');
  const [locationId, setLocationId] = useState<string | null>(null);
  const [appSecret, setAppSecret] = useState('');
  const [verifyToken, setVerifyToken] = useState('');
  const [created, setCreated] = useState<SourceView>();
  const add = useMutation({
    mutationFn: () =>
      settingsApi.addSource(
        orgId,
        mode === 'poll'
          ? { mode, channelId: channelId ?? '' }
          : { mode, source: network, name, locationId, appSecret, verifyToken },
      ),
    onSuccess: async (source) => {
      await client.invalidateQueries({ queryKey: ['reputation', orgId] });
      if (source.webhookPath) setCreated(source);
      else props.onDone();
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fields : {};
  const readable = (channels.data ?? []).filter(
    (c) => c.status !== 'disconnected' && READABLE.has(c.network),
  );

  if (created?.webhookPath)
    return (
      <Stack>
        <Alert color="teal" title="Webhook source added">
          In the Meta app dashboard, subscribe the Page to this callback URL with your verify token:
        </Alert>
        <Code block>{`${window.location.origin}${created.webhookPath}`}</Code>
        <Group justify="flex-end">
          <Button onClick={props.onDone}>Done</Button>
        </Group>
      </Stack>
    );

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (mode === 'poll' && !channelId) setNoAccount(true);
        else add.mutate();
      }}
    >
      <Stack>
        <SegmentedControl
          aria-label="Kind of source"
          value={mode}
          onChange={(v) => setMode(v as 'poll' | 'webhook')}
          data={[
            { value: 'poll', label: 'A connected account' },
            { value: 'webhook', label: 'Meta webhook' },
          ]}
        />
        {mode === 'poll' ? (
          <Select
            label="Account"
            description="Mentions, comments and reviews of this account are read into the inbox."
            placeholder={
              readable.length ? 'Choose an account' : 'Connect an account under Channels first'
            }
            data={readable.map((c) => ({ value: c.id, label: `${c.handle} (${c.network})` }))}
            value={channelId}
            onChange={(id) => {
              setChannelId(id);
              setNoAccount(false);
            }}
            error={noAccount ? 'Choose one of your connected accounts.' : fields.channelId}
            required
          />
        ) : (
          <>
            <Select
              label="Network"
              data={[
                { value: 'facebook', label: 'Facebook Page' },
                { value: 'instagram', label: 'Instagram' },
              ]}
              value={network}
              onChange={(v) => setNetwork((v as 'facebook' | 'instagram') ?? 'facebook')}
              allowDeselect={false}
            />
            <TextInput
              label="Name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fields.name}
            />
            <Select
              label="Location"
              clearable
              placeholder="No particular location"
              data={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
              value={locationId}
              onChange={setLocationId}
              error={fields.locationId}
            />
            <PasswordInput
              label="App secret"
              description="From the Meta app dashboard; it signs every delivery. Stored encrypted."
              value={appSecret}
              onChange={(e) => setAppSecret(e.currentTarget.value)}
              error={fields.appSecret}
              required
            />
            <TextInput
              label="Verify token"
              description="Any phrase of 8 or more characters; enter the same one at Meta."
              value={verifyToken}
              onChange={(e) => setVerifyToken(e.currentTarget.value)}
              error={fields.verifyToken}
              required
            />
          </>
        )}
        <FormError
          message={
            add.error && Object.keys(fields).length === 0 ? errorMessage(add.error) : undefined
          }
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={add.isPending}>
            Add source
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
