import { Alert, Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error';
import { endpoints } from '../../api/endpoints';
import { FormError } from '../../components/form-error';
import { PasswordField } from '../../components/password-field';
import { useForm } from '../../lib/use-form';
import { email, required, totpCode } from '../../lib/validation';
import { paths } from '../../paths';
import { AuthLayout } from './auth-layout';
import { safeNext } from './safe-next';
import { signOutMessages, type SignOutReason } from './sign-out-reason';
import { useSession, useSignedIn } from './use-session';

export function SignInPage() {
  const session = useSession();
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [needsCode, setNeedsCode] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const reason = params.get('reason') as SignOutReason | null;
  const notice = reason && reason in signOutMessages ? signOutMessages[reason] : undefined;

  const form = useForm({
    initial: { email: '', password: '', totp: '' },
    rules: {
      email,
      password: required('your password'),
      ...(needsCode ? { totp: totpCode } : {}),
    },
  });

  useEffect(() => {
    document.title = 'Sign in · Bedside';
  }, []);
  useEffect(() => {
    if (needsCode) codeRef.current?.focus();
  }, [needsCode]);

  if (session.data) return <Navigate to={safeNext(params.get('next'))} replace />;

  const onSubmit = form.submit(async (values) => {
    try {
      const result = await endpoints.login({
        email: values.email.trim(),
        password: values.password,
        ...(needsCode ? { totp: values.totp.trim() } : {}),
      });
      await signedIn(result);
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'totp_required') {
        setNeedsCode(true);
        return;
      }
      if (error instanceof ApiError && error.code === 'totp_invalid') {
        form.setErrors({ totp: error.message });
        codeRef.current?.focus();
        return;
      }
      throw error;
    }
  });

  return (
    <AuthLayout>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              Sign in
            </Title>
            <Text c="dimmed" size="sm">
              Welcome back. Sign in to your practice&apos;s workspace.
            </Text>
          </div>
          {notice ? (
            <Alert variant="light" color="bedside" icon={<IconInfoCircle aria-hidden />}>
              {notice}
            </Alert>
          ) : null}
          <FormError message={form.formError} />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            readOnly={needsCode}
            {...form.field('email')}
          />
          <PasswordField
            label="Password"
            autoComplete="current-password"
            required
            readOnly={needsCode}
            {...form.field('password')}
          />
          {needsCode ? (
            <TextInput
              ref={codeRef}
              label="Authentication code"
              description="Two-factor authentication is on for this account. Enter the 6-digit code from your authenticator app."
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              {...form.field('totp')}
            />
          ) : null}
          <Button type="submit" loading={form.submitting} fullWidth>
            Sign in
          </Button>
          <Group justify="space-between">
            <Anchor component={Link} to={paths.forgotPassword} size="sm">
              Forgot your password?
            </Anchor>
            {needsCode ? (
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => {
                  setNeedsCode(false);
                  form.setField('totp', '');
                }}
              >
                Use a different account
              </Anchor>
            ) : null}
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
