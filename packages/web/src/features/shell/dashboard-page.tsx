import { Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconClipboardList,
  IconMapPin,
  IconShieldCheck,
  IconShieldLock,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { paths } from '../../paths';
import { useSession } from '../auth/use-session';
import { can, roleLabels } from '../members/roles';
import { useCurrentOrg } from './current-org';
import { OrgSummary } from './org-summary';
import { UpcomingPosts } from './upcoming-posts';
import { WhatNeedsYou } from './what-needs-you';
import { useWorkSummary } from './work-api';

interface Shortcut {
  title: string;
  text: string;
  to: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
}

function greeting(hour: number): string {
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

export function DashboardPage() {
  const org = useCurrentOrg();
  const { data: session } = useSession();
  const firstName = session?.user.name.split(/\s+/)[0] ?? '';
  const work = useWorkSummary(org.orgId);
  const shortcuts: Shortcut[] = [
    {
      title: 'Check a post or reply',
      text: 'Paste text and see what the guard flags as you type, before anything goes out.',
      to: paths.checkText,
      icon: IconShieldCheck,
    },
    ...(can.manageMembers(org.role)
      ? [
          {
            title: 'Invite your team',
            text: 'Give marketers, clinicians and your compliance officer the right access.',
            to: paths.members,
            icon: IconUsers,
          },
        ]
      : []),
    {
      title: 'Offices and time zones',
      text: 'Addresses, phones and time zones for each office: the guard knows these are not PHI.',
      to: paths.locations,
      icon: IconMapPin,
    },
    ...(can.readAudit(org.role)
      ? [
          {
            title: 'Audit trail',
            text: 'Every sign-in, role change and export, tamper-evident and kept six years.',
            to: paths.audit,
            icon: IconClipboardList,
          },
        ]
      : []),
  ];
  if (session && !session.user.totpEnabled) {
    shortcuts.push({
      title: 'Turn on two-factor sign-in',
      text: 'Protect your account with a code from an authenticator app.',
      to: paths.profile,
      icon: IconShieldLock,
    });
  }

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`${greeting(new Date().getHours())}${firstName ? `, ${firstName}` : ''}. Here is what needs you at ${org.orgName}.`}
        actions={<Badge variant="light">{roleLabels[org.role]}</Badge>}
      />
      <Stack gap="xl">
        <QueryState query={work} label="what needs you">
          {(summary) => (
            <>
              <WhatNeedsYou summary={summary} userId={session?.user.id ?? ''} />
              {summary.upcoming ? <UpcomingPosts upcoming={summary.upcoming} /> : null}
            </>
          )}
        </QueryState>
        {can.manageOrg(org.role) ? <OrgSummary orgId={org.orgId} /> : null}
        <section aria-labelledby="shortcuts-title">
          <Title order={2} size="h4" mb="sm" id="shortcuts-title">
            Shortcuts
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: Math.min(shortcuts.length, 5) }} spacing="sm">
            {shortcuts.map((shortcut) => (
              <Card
                key={shortcut.to + shortcut.title}
                component={Link}
                to={shortcut.to}
                withBorder
                padding="sm"
                className="shortcut-card"
              >
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <ThemeIcon variant="light" size={32} radius="md" aria-hidden>
                    <shortcut.icon size={18} stroke={1.6} />
                  </ThemeIcon>
                  <div>
                    <Text fw={600} size="sm">
                      {shortcut.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {shortcut.text}
                    </Text>
                  </div>
                </Group>
              </Card>
            ))}
          </SimpleGrid>
        </section>
      </Stack>
    </>
  );
}
