import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  Stack,
  Switch,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { Provider } from '../../api/providers';
import { PublicationsList } from './publications-list';
import { formatValue } from './field-labels';
import { useProviderMutations } from './use-providers';

/** One provider: the profile at a glance, its publications, the clinician's own quick edits. */
export function ProviderCard(props: {
  orgId: string;
  provider: Provider;
  mine: boolean;
  canManage: boolean;
  canShare: boolean;
  pageUrl: string | null;
}) {
  const { provider: p, orgId } = props;
  const { update, share } = useProviderMutations(orgId);
  const [editing, setEditing] = useState(false);
  const [bio, setBio] = useState(p.bio);
  const [languages, setLanguages] = useState(p.languages.join(', '));
  const [accepting, setAccepting] = useState(p.acceptingNewPatients);
  const [telehealth, setTelehealth] = useState(p.telehealth);
  const canEdit = props.mine || props.canManage;

  const save = () =>
    update.mutate(
      {
        providerId: p.id,
        changes: {
          bio,
          languages: languages
            .split(',')
            .map((l) => l.trim())
            .filter(Boolean),
          acceptingNewPatients: accepting,
          telehealth,
        },
      },
      {
        onSuccess: (r) => {
          setEditing(false);
          notifications.show({
            message:
              r.status === 'pending'
                ? `Sent to ${p.firstName} ${p.lastName} for approval`
                : r.status === 'applied'
                  ? 'Profile updated'
                  : 'Nothing changed',
          });
        },
      },
    );

  const shareWelcome = () =>
    share.mutate(
      { providerId: p.id, event: { kind: 'provider' } },
      {
        onSuccess: () => notifications.show({ message: 'Post draft created in Compose' }),
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
      },
    );

  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby={`provider-${p.id}`}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h4" id={`provider-${p.id}`}>
            {p.displayName}
          </Title>
          <Text size="sm" c="dimmed">
            {p.npi ? `NPI ${p.npi}` : 'No NPI yet'} ·{' '}
            {p.specialties.length ? p.specialties.join(', ') : 'No specialty yet'}
          </Text>
        </div>
        <Group gap="xs">
          {props.mine ? <Badge color="blue">Your profile</Badge> : null}
          <Badge color={p.acceptingNewPatients ? 'green' : 'gray'} variant="light">
            {p.acceptingNewPatients ? 'Accepting new patients' : 'Not accepting'}
          </Badge>
          {p.telehealth ? (
            <Badge variant="light" color="grape">
              Telehealth
            </Badge>
          ) : null}
        </Group>
      </Group>
      <List size="sm" mt="sm" spacing={2}>
        <List.Item>Licences: {formatValue('licences', p.licences)}</List.Item>
        <List.Item>
          Board certifications: {formatValue('boardCertifications', p.boardCertifications)}
        </List.Item>
        <List.Item>Languages: {formatValue('languages', p.languages)}</List.Item>
      </List>
      {p.bio && !editing ? (
        <Text size="sm" mt="sm">
          {p.bio}
        </Text>
      ) : null}
      {editing ? (
        <Stack gap="xs" mt="sm">
          <Textarea
            label="Bio"
            description="Checked by the guard before it is published"
            value={bio}
            onChange={(e) => setBio(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={4000}
            error={update.error ? errorMessage(update.error) : undefined}
          />
          <Textarea
            label="Languages"
            description="Separated by commas"
            value={languages}
            onChange={(e) => setLanguages(e.currentTarget.value)}
            autosize
            minRows={1}
          />
          <Switch
            label="Accepting new patients"
            checked={accepting}
            onChange={(e) => setAccepting(e.currentTarget.checked)}
          />
          <Switch
            label="Offers telehealth"
            checked={telehealth}
            onChange={(e) => setTelehealth(e.currentTarget.checked)}
          />
          <Group>
            <Button onClick={save} loading={update.isPending}>
              {props.mine || p.userId === null ? 'Save' : 'Propose change'}
            </Button>
            <Button variant="default" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      ) : null}
      <Group mt="sm" gap="sm">
        {canEdit && !editing ? (
          <Button size="xs" variant="default" onClick={() => setEditing(true)}>
            Edit profile
          </Button>
        ) : null}
        {props.canShare ? (
          <Button size="xs" variant="default" onClick={shareWelcome} loading={share.isPending}>
            Share a welcome post
          </Button>
        ) : null}
        {props.pageUrl ? (
          <Anchor
            size="sm"
            href={`${props.pageUrl}/providers/${p.slug}`}
            target="_blank"
            rel="noopener"
          >
            Public page
            <span className="visually-hidden"> of {p.displayName} (opens in a new tab)</span>
          </Anchor>
        ) : null}
      </Group>
      <PublicationsList
        orgId={orgId}
        provider={p}
        canDecide={props.mine || (p.userId === null && props.canManage)}
        canShare={props.canShare}
      />
    </Paper>
  );
}
