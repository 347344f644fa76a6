import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { endpoints } from '../../api/endpoints';
import { FormError } from '../../components/form-error';
import { MailOutboxNote } from '../../components/mail-outbox-note';
import { useForm } from '../../lib/use-form';
import { email } from '../../lib/validation';
import { paths } from '../../paths';
import { AuthLayout } from './auth-layout';

export function ForgotPasswordPage() {
  const [sentTo, setSentTo] = useState<string>();
  const form = useForm({ initial: { email: '' }, rules: { email } });
  useEffect(() => {
    document.title = 'Reset your password · Bedside';
  }, []);

  const onSubmit = form.submit(async (values) => {
    await endpoints.requestPasswordReset(values.email.trim());
    setSentTo(values.email.trim());
  });

  return (
    <AuthLayout>
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            Reset your password
          </Title>
          <Text c="dimmed" size="sm">
            We will email you a link to choose a new password.
          </Text>
        </div>
        {sentTo ? (
          <Alert
            color="bedside"
            variant="light"
            icon={<IconMailCheck aria-hidden />}
            title="Check your email"
            role="status"
          >
            If an account exists for {sentTo}, a reset link is on its way. The link works for a
            limited time.
          </Alert>
        ) : (
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              <FormError message={form.formError} />
              <TextInput
                label="Email"
                type="email"
                autoComplete="username"
                required
                {...form.field('email')}
              />
              <Button type="submit" loading={form.submitting} fullWidth>
                Send reset link
              </Button>
            </Stack>
          </form>
        )}
        <MailOutboxNote />
        <Anchor component={Link} to={paths.signIn} size="sm">
          Back to sign in
        </Anchor>
      </Stack>
    </AuthLayout>
  );
}
