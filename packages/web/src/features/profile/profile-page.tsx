import { SimpleGrid, Stack } from '@mantine/core';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { useSession } from '../auth/use-session';
import { NameForm } from './name-form';
import { PasswordForm } from './password-form';
import { TwoFactorCard } from './two-factor-card';

export function ProfilePage() {
  const session = useSession();
  return (
    <>
      <PageHeader title="Profile" description="Your name, your password and how you sign in." />
      <QueryState query={session} label="your profile">
        {(data) =>
          data ? (
            <Stack gap="lg" maw={960}>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
                <NameForm key={data.user.name} user={data.user} />
                <PasswordForm />
              </SimpleGrid>
              <TwoFactorCard user={data.user} />
            </Stack>
          ) : null
        }
      </QueryState>
    </>
  );
}
