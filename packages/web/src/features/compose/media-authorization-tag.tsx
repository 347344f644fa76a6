import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconShieldCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { consentsApi, type ConsentSummary, type MediaTag } from '../../api/consents';
import { canConsent } from '../consents/consent-labels';
import { useConsents } from '../consents/use-consents';
import { useCurrentOrg } from '../shell/current-org';

/**
 * Under an image in the composer: which patient authorizations it depends on, and a way to tag it
 * with one. Only signed authorizations in effect that cover photos are offered (the server refuses
 * anything else, with the reason). Roles that may not read consents see nothing of the patient.
 */
export function MediaAuthorizationTag(props: { mediaId: string; altText: string }) {
  const org = useCurrentOrg();
  const client = useQueryClient();
  const readable = canConsent.read(org.role);
  const key = ['consents', org.orgId, 'media', props.mediaId];
  const tags = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => consentsApi.mediaTags(org.orgId, props.mediaId, signal),
    select: (data) => data.tags,
    enabled: readable,
  });
  const consents = useConsents(org.orgId, {});
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const refresh = () => client.invalidateQueries({ queryKey: ['consents', org.orgId] });
  const tag = useMutation({
    mutationFn: (authorizationId: string) =>
      consentsApi.tagMedia(org.orgId, props.mediaId, authorizationId),
    onSuccess: () => {
      setChoice(null);
      setError(undefined);
      void refresh();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const untag = useMutation({
    mutationFn: (authorizationId: string) =>
      consentsApi.untagMedia(org.orgId, props.mediaId, authorizationId),
    onSuccess: () => {
      setError(undefined);
      void refresh();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  if (!readable) return null;
  const tagged = tags.data ?? [];
  const options = taggableOptions(consents.data ?? [], tagged);
  const mayTag = canConsent.link(org.role);

  return (
    <Stack gap={4}>
      {tagged.map((t) => (
        <Group key={t.authorizationId} gap={4} wrap="nowrap">
          <IconShieldCheck size={14} aria-hidden />
          <Text size="xs">
            Depends on the authorization of {t.patientName}
            {t.status === 'signed' ? '' : ` (${t.status})`}
          </Text>
          {mayTag ? (
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              aria-label={`Remove the tag of ${t.patientName} from image: ${short(props.altText)}`}
              loading={untag.isPending}
              onClick={() => untag.mutate(t.authorizationId)}
            >
              <IconX size={12} aria-hidden />
            </ActionIcon>
          ) : null}
        </Group>
      ))}
      {mayTag && options.length > 0 ? (
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Select
            size="xs"
            label={`Patient authorization for image: ${short(props.altText)}`}
            description="Only signed authorizations that cover photos."
            placeholder="Choose the patient"
            data={options}
            value={choice}
            onChange={setChoice}
            searchable
            w={240}
          />
          <Button
            size="xs"
            variant="light"
            disabled={!choice}
            loading={tag.isPending}
            onClick={() => choice && tag.mutate(choice)}
          >
            Tag image
          </Button>
        </Group>
      ) : null}
      {error ? (
        <Text size="xs" c="red.8" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * The authorizations an image may be tagged with: in effect (active or expiring soon), covering
 * photos, and not already on it. Labelled by the patient's name and chart number.
 */
export function taggableOptions(
  consents: readonly ConsentSummary[],
  tagged: readonly MediaTag[],
): { value: string; label: string }[] {
  return consents
    .filter(
      (a) =>
        (a.status === 'active' || a.status === 'expiring') &&
        a.contentTypes.includes('photo') &&
        !tagged.some((t) => t.authorizationId === a.id),
    )
    .map((a) => ({
      value: a.id,
      label: `${a.patientName}${a.externalId ? ` (${a.externalId})` : ''}`,
    }));
}

/** Alt text can run to a paragraph; a label needs only enough to tell images apart. */
function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
