import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { endpoints } from '../../api/endpoints';
import { FormError } from '../../components/form-error';
import { PasswordField } from '../../components/password-field';
import { useForm } from '../../lib/use-form';
import { password } from '../../lib/validation';
import { paths } from '../../paths';
import { AuthLayout } from './auth-layout';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState(false);
  const form = useForm({
    initial: { password: '', repeat: '' },
    rules: { password },
  });
  useEffect(() => {
    document.title = 'Choose a new password · Bedside';
  }, []);

  const onSubmit = form.submit(async (values) => {
    if (values.repeat !== values.password) {
      form.setErrors({ repeat: 'The two passwords do not match.' });
      return;
    }
    await endpoints.confirmPasswordReset({ token, password: values.password });
    setDone(true);
  });

  return (
    <AuthLayout>
      <Stack gap="md">
        <Title order={1} size="h2">
          Choose a new password
        </Title>
        {!token ? (
          <Alert color="red" variant="light" role="alert" title="This link is incomplete">
            Open the link from your email again, or request a new one.
          </Alert>
        ) : done ? (
          <Alert
            color="bedside"
            variant="light"
            icon={<IconCircleCheck aria-hidden />}
            title="Password changed"
            role="status"
          >
            Your password has been changed. You can now sign in with it.
          </Alert>
        ) : (
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              <Text size="sm" c="dimmed">
                Use at least 12 characters. A short sentence is easy to remember and hard to guess.
              </Text>
              <FormError message={form.formError} />
              <PasswordField
                label="New password"
                autoComplete="new-password"
                required
                {...form.field('password')}
              />
              <PasswordField
                label="Repeat new password"
                autoComplete="new-password"
                required
                {...form.field('repeat')}
              />
              <Button type="submit" loading={form.submitting} fullWidth>
                Change password
              </Button>
            </Stack>
          </form>
        )}
        <Anchor component={Link} to={done ? paths.signIn : paths.forgotPassword} size="sm">
          {done ? 'Go to sign in' : 'Request a new link'}
        </Anchor>
      </Stack>
    </AuthLayout>
  );
}
