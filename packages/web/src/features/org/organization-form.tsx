import {
  Button,
  Group,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage, ApiError } from '../../api/api-error';
import type { Organization } from '../../api/types';
import { FormError } from '../../components/form-error';
import { useUpdateOrganization } from './use-organization';

const kindLabels = { practice: 'Practice or practice group', agency: 'Marketing agency' };

export function OrganizationForm(props: { organization: Organization; editable: boolean }) {
  const { organization, editable } = props;
  const update = useUpdateOrganization(organization.id);
  const [name, setName] = useState(organization.name);
  const [requireTotp, setRequireTotp] = useState(organization.requireTotp);
  const [idle, setIdle] = useState<number | string>(organization.idleTimeoutMinutes);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(undefined);
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = 'Enter the name of your organization.';
    const minutes = typeof idle === 'number' ? idle : Number(idle);
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 60)
      found.idleTimeoutMinutes = 'Choose a whole number of minutes from 5 to 60.';
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await update.mutateAsync({ name: name.trim(), requireTotp, idleTimeoutMinutes: minutes });
      notifications.show({ color: 'bedside', message: 'Organization settings saved' });
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length) setErrors(error.fields);
      else setFormError(errorMessage(error));
    }
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} maw={720}>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Stack gap="lg">
          <FormError message={formError} />
          <TextInput
            label="Organization name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            disabled={!editable}
            required
          />
          <div>
            <Text size="sm" fw={500}>
              Kind
            </Text>
            <Text size="sm" c="dimmed">
              {kindLabels[organization.kind]}
            </Text>
          </div>
          <Title order={2} size="h4" mt="sm">
            Security
          </Title>
          <Switch
            label="Require two-factor authentication"
            description="Everyone must sign in with a code from an authenticator app. People without it set up are asked to do so at their next sign-in."
            checked={requireTotp}
            onChange={(e) => setRequireTotp(e.currentTarget.checked)}
            disabled={!editable}
          />
          <NumberInput
            label="Idle sign-out (minutes)"
            description="HIPAA asks for automatic logoff. After this many minutes without activity, people are signed out. 5 to 60."
            min={5}
            max={60}
            step={5}
            clampBehavior="none"
            allowDecimal={false}
            value={idle}
            onChange={setIdle}
            error={errors.idleTimeoutMinutes}
            disabled={!editable}
            maw={260}
          />
          {editable ? (
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending}>
                Save changes
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
