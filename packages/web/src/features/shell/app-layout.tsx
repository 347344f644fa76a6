import { AppShell, Burger, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { Outlet, useOutletContext } from 'react-router-dom';
import { queryKeys } from '../../api/query-keys';
import type { Session } from '../../api/types';
import { Brand } from '../../components/brand';
import { setSignOutReason } from '../auth/sign-out-reason';
import { useSignOut } from '../auth/use-session';
import { CurrentOrgContext, pickMembership, rememberedOrgId, rememberOrgId } from './current-org';
import { IdleWarning } from './idle-warning';
import { NotificationBell } from '../notifications/notification-bell';
import { NavBar } from './nav-bar';
import { NoOrganization } from './no-organization';
import { OrgSwitcher } from './org-switcher';
import { useIdleLogoff } from './use-idle-logoff';
import { UserMenu } from './user-menu';

/** The signed-in frame: header, left navigation, the page, and idle logoff. */
export function AppLayout() {
  const session = useOutletContext<Session>();
  const client = useQueryClient();
  const signOut = useSignOut();
  const [opened, { toggle, close }] = useDisclosure(false);
  const [orgId, setOrgId] = useState(rememberedOrgId);
  const membership = pickMembership(session.memberships, orgId);

  const endSession = useCallback(
    (reason: 'idle' | 'signed-out') => {
      setSignOutReason(reason);
      void signOut();
    },
    [signOut],
  );
  const idle = useIdleLogoff({
    idleTimeoutMinutes: session.idleTimeoutMinutes,
    onExpire: () => endSession('idle'),
    onHeartbeat: () => void client.refetchQueries({ queryKey: queryKeys.session }),
  });

  const currentOrg = useMemo(
    () =>
      membership && {
        ...membership,
        switchTo: (id: string) => {
          rememberOrgId(id);
          setOrgId(id);
          const name = session.memberships.find((m) => m.orgId === id)?.orgName;
          notifications.show({ message: `Now working in ${name ?? 'the organization'}` });
        },
      },
    [membership, session.memberships],
  );

  if (!currentOrg) return <NoOrganization onSignOut={() => endSession('signed-out')} />;

  return (
    <CurrentOrgContext.Provider value={currentOrg}>
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding={{ base: 'md', sm: 'xl' }}
      >
        <AppShell.Header px="md">
          <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? 'Close navigation' : 'Open navigation'}
                aria-expanded={opened}
                aria-controls="main-navigation"
              />
              <Brand compact />
            </Group>
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
              <OrgSwitcher
                memberships={session.memberships}
                current={currentOrg}
                onSwitch={currentOrg.switchTo}
              />
              <NotificationBell orgId={currentOrg.orgId} />
              <UserMenu user={session.user} onSignOut={() => endSession('signed-out')} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar id="main-navigation" aria-label="Main navigation" component="nav">
          <NavBar role={currentOrg.role} onNavigate={close} />
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1} bg="var(--bedside-canvas)">
          <div style={{ maxWidth: 1200, margin: '0 auto' }}>
            <Outlet />
          </div>
        </AppShell.Main>
      </AppShell>
      <IdleWarning
        state={idle.state}
        onStay={idle.staySignedIn}
        onSignOut={() => endSession('signed-out')}
      />
    </CurrentOrgContext.Provider>
  );
}
