import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Switch,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import type { Role } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { roleLabels } from '../members/roles';
import { useCurrentOrg } from '../shell/current-org';
import { postsApi, usePostMutation, usePublishingSettings, type PublishingSettings } from './api';

/** Roles the server lets approve at all (policy `post.approve`). */
const approverRoles: Role[] = ['compliance_officer', 'owner', 'admin', 'marketer', 'clinician'];

/** Who approves posts, and which sites are the practice's own (links there get UTM parameters). */
export function PublishingSettingsPage() {
  const org = useCurrentOrg();
  const settings = usePublishingSettings(org.orgId);
  return (
    <>
      <PageHeader
        title="Publishing"
        description="Who must approve a post before it can be scheduled, and which websites are your own so links to them carry campaign tracking."
      />
      <QueryState query={settings} label="publishing settings">
        {(data) => (
          <SettingsForm initial={data} canEdit={org.role === 'owner' || org.role === 'admin'} />
        )}
      </QueryState>
    </>
  );
}

function SettingsForm(props: { initial: PublishingSettings; canEdit: boolean }) {
  const org = useCurrentOrg();
  const [roles, setRoles] = useState<Role[]>(props.initial.approverRoles);
  const [compliance, setCompliance] = useState(props.initial.complianceOnWarning);
  const [domains, setDomains] = useState(props.initial.websiteDomains.join('\n'));
  const [utm, setUtm] = useState(props.initial.utmEnabled);
  const [fields, setFields] = useState<Record<string, string>>({});
  const save = usePostMutation(org.orgId, (settings: PublishingSettings) =>
    postsApi.saveSettings(org.orgId, settings),
  );
  const domainError = Object.entries(fields).find(([k]) => k.startsWith('websiteDomains'))?.[1];

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={720}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setFields({});
          save.mutate(
            {
              approverRoles: roles,
              complianceOnWarning: compliance,
              websiteDomains: domains.split(/[\s,]+/).filter(Boolean),
              utmEnabled: utm,
            },
            {
              onSuccess: () => notifications.show({ message: 'Publishing settings saved.' }),
              onError: (error) => {
                if (error instanceof ApiError) setFields(error.fields);
                notifications.show({ color: 'red', message: errorMessage(error) });
              },
            },
          );
        }}
      >
        <Stack gap="lg">
          {!props.canEdit ? (
            <Alert color="gray" variant="light">
              Only owners and admins change these settings.
            </Alert>
          ) : null}
          <Checkbox.Group
            label="Approval needed from"
            description="One approval from someone in each role you tick. With none ticked, one approval from anyone allowed to approve. Nobody approves their own post."
            value={roles}
            onChange={(v) => setRoles(v as Role[])}
          >
            <Stack gap={6} mt="xs">
              {approverRoles.map((role) => (
                <Checkbox
                  key={role}
                  value={role}
                  label={roleLabels[role]}
                  disabled={!props.canEdit}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Switch
            label="The compliance officer must approve anything the guard warned about"
            checked={compliance}
            disabled={!props.canEdit}
            onChange={(e) => setCompliance(e.currentTarget.checked)}
          />
          <Textarea
            label="Your websites"
            description="One domain per line, such as riversidedental.com. Links to these (and their subdomains) get utm_source, utm_medium=social and utm_campaign; links to anyone else are never changed."
            autosize
            minRows={2}
            value={domains}
            disabled={!props.canEdit}
            error={domainError}
            onChange={(e) => setDomains(e.currentTarget.value)}
          />
          <Switch
            label="Add campaign tracking (UTM parameters) to links to your websites"
            checked={utm}
            disabled={!props.canEdit}
            onChange={(e) => setUtm(e.currentTarget.checked)}
          />
          {props.canEdit ? (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                Save
              </Button>
            </Group>
          ) : (
            <Text size="xs" c="dimmed">
              Read-only.
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
