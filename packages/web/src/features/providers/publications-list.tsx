import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../api/api-error';
import type { Provider, Publication } from '../../api/providers';
import { usePublications, useProviderMutations } from './use-providers';

const statusColor = { suggested: 'yellow', confirmed: 'green', rejected: 'gray' } as const;

/** The provider's articles as a bibliography; the provider confirms which are theirs, confirmed ones can be shared. */
export function PublicationsList(props: {
  orgId: string;
  provider: Provider;
  canDecide: boolean;
  canShare: boolean;
}) {
  const { orgId, provider } = props;
  const pubs = usePublications(orgId, provider.id);
  const { decidePublication, share } = useProviderMutations(orgId);
  const list = pubs.data ?? [];
  if (list.length === 0) return null;
  const decide = (pub: Publication, confirm: boolean) =>
    decidePublication.mutate(
      { providerId: provider.id, publicationId: pub.publicationId, confirm },
      { onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }) },
    );
  const shareIt = (pub: Publication) =>
    share.mutate(
      { providerId: provider.id, event: { kind: 'publication', publicationId: pub.publicationId } },
      {
        onSuccess: () => notifications.show({ message: 'Post draft created in Compose' }),
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
      },
    );
  return (
    <Stack gap="xs" mt="md">
      <Title order={3} size="h5">
        Publications
      </Title>
      <ol style={{ margin: 0, paddingLeft: '1.25rem' }}>
        {list.map((pub) => (
          <li key={pub.publicationId} style={{ marginBottom: 8 }}>
            <Text size="sm">{pub.citation}</Text>
            <Group gap="xs" mt={4}>
              <Badge size="sm" color={statusColor[pub.status]} variant="light">
                {pub.status}
              </Badge>
              {props.canDecide && pub.status !== 'confirmed' ? (
                <Button
                  size="compact-xs"
                  onClick={() => decide(pub, true)}
                  aria-label={`Confirm “${pub.title}” is mine`}
                >
                  This is mine
                </Button>
              ) : null}
              {props.canDecide && pub.status === 'suggested' ? (
                <Button
                  size="compact-xs"
                  variant="default"
                  onClick={() => decide(pub, false)}
                  aria-label={`“${pub.title}” is not mine`}
                >
                  Not mine
                </Button>
              ) : null}
              {props.canShare && pub.status === 'confirmed' ? (
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => shareIt(pub)}
                  loading={share.isPending}
                  aria-label={`Share “${pub.title}” as a post`}
                >
                  Share as post
                </Button>
              ) : null}
            </Group>
          </li>
        ))}
      </ol>
    </Stack>
  );
}
