import { Alert, Button, Center, Stack, Text } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { errorMessage } from '../../api/api-error';
import { paths } from '../../paths';
import { useSetupStatus } from '../setup/use-setup-status';
import { FullPageLoader } from './full-page-loader';

/** Sends a fresh installation to the setup wizard, and everyone else away from it. */
export function RootGate() {
  const setup = useSetupStatus();
  const { pathname } = useLocation();
  if (setup.isPending) return <FullPageLoader label="Starting Bedside…" />;
  if (setup.error) {
    return (
      <Center mih="100dvh" component="main" p="md">
        <Alert color="red" title="Bedside is not reachable" role="alert" maw={480}>
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{errorMessage(setup.error)}</Text>
            <Button size="xs" variant="default" onClick={() => void setup.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
  if (setup.data.needsSetup && pathname !== paths.setup)
    return <Navigate to={paths.setup} replace />;
  if (!setup.data.needsSetup && pathname === paths.setup)
    return <Navigate to={paths.home} replace />;
  return <Outlet />;
}
