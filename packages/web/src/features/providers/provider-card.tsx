import { Anchor, Badge, Button, Group, Image, List, Paper, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { Provider } from '../../api/providers';
import { mediaUrl } from '../compose/api';
import { ProfileEditor } from './profile-editor';
import { PublicationsList } from './publications-list';
import { formatValue } from './field-labels';
import { useProviderMutations } from './use-providers';

/** One provider: the profile at a glance, its publications, and the full profile editor. */
export function ProviderCard(props: {
  orgId: string;
  provider: Provider;
  mine: boolean;
  canManage: boolean;
  canShare: boolean;
  pageUrl: string | null;
  providers: Provider[];
  /** Changes to this profile waiting for the clinician's approval. */
  pending: number;
}) {
  const { provider: p, orgId } = props;
  const { share } = useProviderMutations(orgId);
  const [editing, setEditing] = useState(false);
  const canEdit = props.mine || props.canManage;

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
        <Group align="flex-start" wrap="nowrap">
          {p.photo ? (
            <Image
              src={mediaUrl(orgId, p.photo.mediaId)}
              alt={p.photoAlt}
              w={56}
              h={Math.round((56 * p.photo.height) / p.photo.width)}
              radius="sm"
            />
          ) : null}
          <div>
            <Title order={2} size="h4" id={`provider-${p.id}`}>
              {p.displayName}
            </Title>
            <Text size="sm" c="dimmed">
              {p.npi ? `NPI ${p.npi}` : 'No NPI yet'} ·{' '}
              {p.specialties.length ? p.specialties.join(', ') : 'No specialty yet'}
            </Text>
          </div>
        </Group>
        <Group gap="xs">
          {props.mine ? <Badge color="blue">Your profile</Badge> : null}
          {props.pending > 0 ? (
            <Badge color="yellow" variant="light">
              {props.pending === 1
                ? '1 change waiting for approval'
                : `${props.pending} changes waiting for approval`}
            </Badge>
          ) : null}
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
        <List.Item>Education and training: {formatValue('education', p.education)}</List.Item>
        <List.Item>Hospital affiliations: {formatValue('affiliations', p.affiliations)}</List.Item>
        <List.Item>Languages: {formatValue('languages', p.languages)}</List.Item>
      </List>
      {p.bio && !editing ? (
        <Text size="sm" mt="sm">
          {p.bio}
        </Text>
      ) : null}
      {editing ? (
        <ProfileEditor
          orgId={orgId}
          provider={p}
          providers={props.providers}
          mine={props.mine}
          onDone={() => setEditing(false)}
        />
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
