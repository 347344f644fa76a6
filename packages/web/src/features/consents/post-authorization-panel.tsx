import { Alert, Anchor, Button, Group, List, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconShieldCheck, IconSignature } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/api-error';
import { consentsApi } from '../../api/consents';
import { useCurrentOrg } from '../shell/current-org';
import { canConsent } from './consent-labels';
import { consentPaths } from './consent-paths';
import { useConsents } from './use-consents';

/**
 * Whether the post's patient authorizations cover it (shared by the panel and the composer, which
 * lowers a name the authorization allows to a warning). Nothing is asked for a new post or for a
 * role that may not read consents.
 */
export function usePostCoverage(postId: string | undefined) {
  const org = useCurrentOrg();
  return useQuery({
    queryKey: ['consents', org.orgId, 'coverage', postId],
    queryFn: ({ signal }) => consentsApi.coverage(org.orgId, postId ?? '', signal),
    enabled: postId !== undefined && canConsent.read(org.role),
  });
}

/**
 * For the post page and composer: whether the post's patient authorizations cover it, the
 * reason when they do not, and the ways to fix it (link a signed authorization, or request one).
 * Shown to roles that may read consents; others see nothing of the patient.
 */
export function PostAuthorizationPanel(props: { postId: string }) {
  const org = useCurrentOrg();
  const client = useQueryClient();
  const coverage = usePostCoverage(props.postId);
  const signed = useConsents(org.orgId, {});
  const [choice, setChoice] = useState<string | null>(null);
  const link = useMutation({
    mutationFn: (authorizationId: string) =>
      consentsApi.linkPost(org.orgId, props.postId, authorizationId),
    onSuccess: () => {
      setChoice(null);
      void client.invalidateQueries({ queryKey: ['consents', org.orgId] });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  if (!canConsent.read(org.role) || !coverage.data) return null;
  const { gap, linked } = coverage.data;
  if (!gap && linked.length === 0) return null;
  const options = (signed.data ?? [])
    .filter(
      (a) =>
        (a.status === 'active' || a.status === 'expiring') && !linked.some((l) => l.id === a.id),
    )
    .map((a) => ({
      value: a.id,
      label: `${a.patientName}${a.externalId ? ` (${a.externalId})` : ''}`,
    }));

  return (
    <Alert
      color={gap ? 'orange' : 'teal'}
      variant="light"
      icon={gap ? <IconSignature aria-hidden /> : <IconShieldCheck aria-hidden />}
      title={gap ? 'Patient authorization needed' : 'Covered by a patient authorization'}
    >
      <Stack gap="xs">
        {gap ? <Text size="sm">{gap.reason}</Text> : null}
        {linked.length > 0 ? (
          <List size="sm">
            {linked.map((l) => (
              <List.Item key={l.id}>
                <Anchor component={Link} to={consentPaths.detail(l.id)}>
                  {l.patientName}
                </Anchor>{' '}
                ({l.status})
              </List.Item>
            ))}
          </List>
        ) : null}
        {gap && options.length > 0 && canConsent.link(org.role) ? (
          <Group align="flex-end" gap="xs">
            <Select
              label="Link a signed authorization"
              placeholder="Choose the patient"
              data={options}
              value={choice}
              onChange={setChoice}
              searchable
              w={260}
            />
            <Button
              size="sm"
              disabled={!choice}
              loading={link.isPending}
              onClick={() => choice && link.mutate(choice)}
            >
              Link
            </Button>
          </Group>
        ) : null}
        {gap && canConsent.request(org.role) ? (
          <Anchor
            component={Link}
            to={`${consentPaths.new}?postId=${encodeURIComponent(props.postId)}`}
            size="sm"
          >
            Request an authorization from the patient
          </Anchor>
        ) : null}
      </Stack>
    </Alert>
  );
}
