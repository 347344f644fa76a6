import {
  Anchor,
  Button,
  Group,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { PublicPageSettings } from '../../api/providers';
import { QueryState } from '../../components/query-state';
import { useCurrentOrg } from '../shell/current-org';
import { usePublicPage, useProviderMutations } from './use-providers';

/** Where the practice's public pages live and what they show. */
export function PublicPagePanel(props: { canManage: boolean }) {
  const org = useCurrentOrg();
  const page = usePublicPage(org.orgId);
  return (
    <QueryState query={page} label="public page settings">
      {(settings) => (
        <PublicPageForm
          key={settings.slug + String(settings.published)}
          settings={settings}
          canManage={props.canManage}
        />
      )}
    </QueryState>
  );
}

function PublicPageForm(props: { settings: PublicPageSettings; canManage: boolean }) {
  const org = useCurrentOrg();
  const { updatePage } = useProviderMutations(org.orgId);
  const s = props.settings;
  const [slug, setSlug] = useState(s.slug);
  const [appointmentUrl, setAppointmentUrl] = useState(s.appointmentUrl ?? '');
  const [description, setDescription] = useState(s.description);
  const [published, setPublished] = useState(s.published);
  const [showRatings, setShowRatings] = useState(s.showRatings);
  const fields =
    updatePage.error instanceof Error && 'fields' in updatePage.error
      ? (updatePage.error as { fields: Record<string, string> }).fields
      : {};
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Text size="sm">
          Your practice page:{' '}
          <Anchor href={s.url} target="_blank" rel="noopener">
            {s.url}
          </Anchor>
        </Text>
        <Text size="sm" c="dimmed">
          Served by Bedside as plain HTML with schema.org data. It loads no scripts, pixels or fonts
          from anyone else.
        </Text>
        <TextInput
          label="Address (slug)"
          value={slug}
          onChange={(e) => setSlug(e.currentTarget.value)}
          disabled={!props.canManage}
          error={fields.slug}
        />
        <TextInput
          label="Appointment booking link"
          placeholder="https://…"
          value={appointmentUrl}
          onChange={(e) => setAppointmentUrl(e.currentTarget.value)}
          disabled={!props.canManage}
          error={fields.appointmentUrl}
        />
        <Textarea
          label="About the practice"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={2}
          disabled={!props.canManage}
          error={fields.description}
        />
        <Switch
          label="Published"
          checked={published}
          onChange={(e) => setPublished(e.currentTarget.checked)}
          disabled={!props.canManage}
        />
        <Switch
          label="Show the aggregate rating (never review text)"
          checked={showRatings}
          onChange={(e) => setShowRatings(e.currentTarget.checked)}
          disabled={!props.canManage}
        />
        {props.canManage ? (
          <Group>
            <Button
              loading={updatePage.isPending}
              onClick={() =>
                updatePage.mutate(
                  {
                    slug,
                    appointmentUrl: appointmentUrl.trim() || null,
                    description,
                    published,
                    showRatings,
                  },
                  {
                    onSuccess: () => notifications.show({ message: 'Public page saved' }),
                    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                  },
                )
              }
            >
              Save
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
