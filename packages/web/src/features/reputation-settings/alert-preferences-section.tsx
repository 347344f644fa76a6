import { Button, Checkbox, Group, Paper, Switch, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { includesKind, toggleLevel, widerLevel } from './alert-levels';
import { settingsApi, type AlertLevel, type AlertPreference } from './api';

/** The kinds a person chooses per channel, narrowest first; a wider kind includes the narrower. */
const KINDS: { level: Exclude<AlertLevel, 'none'>; label: string; hint: string }[] = [
  {
    level: 'urgent',
    label: 'Urgent items',
    hint: 'Legal threats, HIPAA complaints, safety, emergency or self-harm language',
  },
  { level: 'negative', label: 'Negative items', hint: 'Reviews and mentions that read negative' },
  { level: 'all', label: 'Every other new item', hint: 'Positive and neutral ones too' },
];

/**
 * My alerts: for each kind of item, whether it reaches me by email and in the app, and the daily
 * digest. Choosing a wider kind includes the narrower ones (negative alerts include urgent ones).
 */
export function AlertPreferencesSection(props: { orgId: string }) {
  const { orgId } = props;
  const client = useQueryClient();
  const key = ['reputation', orgId, 'alert-preferences'];
  const current = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => settingsApi.preference(orgId, signal),
  });
  const [email, setEmail] = useState<AlertLevel>('none');
  const [inApp, setInApp] = useState<AlertLevel>('none');
  const [digest, setDigest] = useState(false);
  useEffect(() => {
    if (!current.data) return;
    setEmail(current.data.emailLevel);
    setInApp(current.data.inAppLevel);
    setDigest(current.data.digest);
  }, [current.data]);
  const save = useMutation({
    mutationFn: () => {
      const level = widerLevel(email, inApp);
      const body: AlertPreference = {
        level,
        email: email !== 'none',
        inApp: inApp !== 'none',
        digest,
        emailLevel: email,
        inAppLevel: inApp,
      };
      return settingsApi.savePreference(orgId, body);
    },
    onSuccess: async (saved) => {
      client.setQueryData(key, saved);
      notifications.show({ color: 'teal', message: 'Your alert choices are saved.' });
    },
  });

  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="alerts-title"
    >
      <Title order={2} size="h4" id="alerts-title">
        My alerts
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Which new items reach you, and how. Alerts never contain the review text.
      </Text>
      {current.error ? <FormError message={errorMessage(current.error)} /> : null}
      <form
        noValidate
        aria-label="My alerts"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Table aria-label="Alerts by kind and channel" maw={640} mb="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Kind of item</Table.Th>
              <Table.Th w={90}>Email</Table.Th>
              <Table.Th w={110}>In the app</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {KINDS.map((kind) => (
              <Table.Tr key={kind.level}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {kind.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {kind.hint}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={`${kind.label} by email`}
                    checked={includesKind(email, kind.level)}
                    onChange={(e) =>
                      setEmail(toggleLevel(email, kind.level, e.currentTarget.checked))
                    }
                  />
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={`${kind.label} in the app`}
                    checked={includesKind(inApp, kind.level)}
                    onChange={(e) =>
                      setInApp(toggleLevel(inApp, kind.level, e.currentTarget.checked))
                    }
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Switch
          label="Daily digest"
          description="Once a day: how many items arrived, how many are negative, urgent or overdue."
          checked={digest}
          onChange={(e) => setDigest(e.currentTarget.checked)}
          mb="md"
        />
        <FormError message={save.error ? errorMessage(save.error) : undefined} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!current.data}>
            Save my alerts
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
