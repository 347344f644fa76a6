import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { endpoints } from '../../api/endpoints';
import type { User } from '../../api/types';
import { FormError } from '../../components/form-error';
import { PasswordField } from '../../components/password-field';
import { useForm } from '../../lib/use-form';
import { required } from '../../lib/validation';
import { useSignedIn } from '../auth/use-session';
import { TwoFactorSetup } from './two-factor-setup';

function DisableTwoFactor(props: { onDone: () => Promise<void>; onCancel: () => void }) {
  const form = useForm({
    initial: { password: '' },
    rules: { password: required('your password') },
  });
  const onSubmit = form.submit(async (values) => {
    await endpoints.totpDisable(values.password);
    await props.onDone();
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <FormError message={form.formError} />
        <PasswordField
          label="Confirm with your password"
          autoComplete="current-password"
          maw={360}
          required
          {...form.field('password')}
        />
        <Group>
          <Button type="submit" color="red" loading={form.submitting}>
            Turn off two-factor authentication
          </Button>
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TwoFactorCard(props: { user: User }) {
  const signedIn = useSignedIn();
  const [disabling, setDisabling] = useState(false);
  const refresh = async (message: string) => {
    await signedIn();
    notifications.show({ color: 'bedside', message });
  };
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="totp-title">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h4" id="totp-title">
            Two-factor authentication
          </Title>
          <Badge variant="light" color={props.user.totpEnabled ? 'bedside' : 'gray'}>
            {props.user.totpEnabled ? 'On' : 'Off'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          Besides your password, sign-in asks for a code from an app on your phone, so a stolen
          password alone cannot open patient-facing accounts.
        </Text>
        {props.user.totpEnabled ? (
          disabling ? (
            <DisableTwoFactor
              onCancel={() => setDisabling(false)}
              onDone={async () => {
                setDisabling(false);
                await refresh('Two-factor authentication is off');
              }}
            />
          ) : (
            <Group>
              <Button variant="default" color="red" onClick={() => setDisabling(true)}>
                Turn off…
              </Button>
            </Group>
          )
        ) : (
          <TwoFactorSetup onEnabled={() => refresh('Two-factor authentication is on')} />
        )}
      </Stack>
    </Paper>
  );
}
