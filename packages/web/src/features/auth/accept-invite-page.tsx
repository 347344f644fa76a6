import { Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { endpoints } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import { FormError } from '../../components/form-error';
import { PasswordField } from '../../components/password-field';
import { QueryState } from '../../components/query-state';
import { useForm } from '../../lib/use-form';
import { password, required } from '../../lib/validation';
import { paths } from '../../paths';
import { roleLabels } from '../members/roles';
import { AuthLayout } from './auth-layout';
import { useSignedIn } from './use-session';

export function AcceptInvitePage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const invitation = useQuery({
    queryKey: queryKeys.invitation(token),
    queryFn: ({ signal }) => endpoints.invitation(token, signal),
    retry: false,
  });
  const form = useForm({
    initial: { name: '', password: '' },
    rules: { name: required('your name'), password },
  });
  useEffect(() => {
    document.title = 'Join your team · Bedside';
  }, []);

  const onSubmit = form.submit(async (values) => {
    const session = await endpoints.acceptInvitation(token, {
      name: values.name.trim(),
      password: values.password,
    });
    await signedIn(session);
    await navigate(paths.home, { replace: true });
  });

  return (
    <AuthLayout>
      <QueryState query={invitation} label="your invitation">
        {(invite) => (
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              <div>
                <Title order={1} size="h2">
                  Join {invite.orgName}
                </Title>
                <Text c="dimmed" size="sm">
                  You were invited as <strong>{roleLabels[invite.role]}</strong> with{' '}
                  <strong>{invite.email}</strong>. Choose how you will sign in.
                </Text>
              </div>
              <FormError message={form.formError} />
              <TextInput
                label="Your name"
                autoComplete="name"
                required
                description="As your colleagues know you."
                {...form.field('name')}
              />
              <PasswordField
                label="Password"
                description="At least 12 characters."
                autoComplete="new-password"
                required
                {...form.field('password')}
              />
              <Button type="submit" loading={form.submitting} fullWidth>
                Join
              </Button>
            </Stack>
          </form>
        )}
      </QueryState>
    </AuthLayout>
  );
}
