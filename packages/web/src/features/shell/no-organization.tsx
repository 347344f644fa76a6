import { Button, Stack, Text, Title } from '@mantine/core';
import { AuthLayout } from '../auth/auth-layout';

/** Shown to a user whose last membership was removed. */
export function NoOrganization(props: { onSignOut: () => void }) {
  return (
    <AuthLayout>
      <Stack gap="md">
        <Title order={1} size="h2">
          No organization yet
        </Title>
        <Text size="sm" c="dimmed">
          Your account is not a member of any organization. Ask an administrator of your practice to
          invite you, then open the link in the invitation email.
        </Text>
        <Button variant="default" onClick={props.onSignOut}>
          Sign out
        </Button>
      </Stack>
    </AuthLayout>
  );
}
