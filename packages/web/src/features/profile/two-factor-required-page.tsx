import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { paths } from '../../paths';
import { AuthLayout } from '../auth/auth-layout';
import { setSignOutReason } from '../auth/sign-out-reason';
import { useSignedIn, useSignOut } from '../auth/use-session';
import { TwoFactorSetup } from './two-factor-setup';

/** Where people land when their organization requires 2FA and they have not set it up. */
export function TwoFactorRequiredPage() {
  const signedIn = useSignedIn();
  const signOut = useSignOut();
  const navigate = useNavigate();
  useEffect(() => {
    document.title = 'Set up two-factor authentication · Bedside';
  }, []);
  return (
    <AuthLayout width={560}>
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            Set up two-factor authentication
          </Title>
          <Text size="sm" c="dimmed">
            Your organization requires a code from an authenticator app at every sign-in. It takes a
            minute, and then you can continue.
          </Text>
        </div>
        <TwoFactorSetup
          onEnabled={async () => {
            await signedIn();
            await navigate(paths.home, { replace: true });
          }}
        />
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => {
            setSignOutReason('signed-out');
            void signOut();
          }}
        >
          Sign out instead
        </Anchor>
      </Stack>
    </AuthLayout>
  );
}
