import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMarkRead, useNotifications, type AppNotification } from './api';

/** The header bell: unread count, the newest notifications, and mark-as-read. */
export function NotificationBell({ orgId }: { orgId: string }) {
  const [opened, setOpened] = useState(false);
  const query = useNotifications(orgId);
  const markRead = useMarkRead(orgId);
  const navigate = useNavigate();
  const unread = query.data?.unread ?? 0;
  const items = query.data?.notifications ?? [];

  const open = (item: AppNotification) => {
    if (!item.read) markRead.mutate([item.id]);
    setOpened(false);
    if (item.link) void navigate(item.link);
  };

  return (
    <Popover opened={opened} onChange={setOpened} width={340} position="bottom-end" shadow="md">
      <Popover.Target>
        <Indicator label={unread} size={18} disabled={unread === 0} offset={4}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
            aria-haspopup="dialog"
            aria-expanded={opened}
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown role="dialog" aria-label="Notifications">
        <Group justify="space-between" mb="xs">
          <Text fw={600}>Notifications</Text>
          <Button
            variant="subtle"
            size="compact-sm"
            disabled={unread === 0 || markRead.isPending}
            onClick={() => markRead.mutate('all')}
          >
            Mark all read
          </Button>
        </Group>
        {query.isError && <Text c="red">Notifications could not be loaded.</Text>}
        {!query.isError && items.length === 0 && (
          <Text c="dimmed" size="sm">
            Nothing yet. Disconnected accounts, revoked authorizations and urgent reviews show up
            here.
          </Text>
        )}
        <ScrollArea.Autosize mah={360}>
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.map((item) => (
              <li key={item.id}>
                <UnstyledButton
                  onClick={() => open(item)}
                  p="xs"
                  w="100%"
                  style={{
                    borderRadius: 6,
                    background: item.read ? undefined : 'var(--mantine-color-blue-0)',
                  }}
                >
                  <Text size="sm" fw={item.read ? 400 : 600}>
                    {item.read ? '' : <span className="visually-hidden">Unread: </span>}
                    {item.title}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {item.body}
                  </Text>
                  <Text size="xs" c="dimmed">
                    <time dateTime={item.createdAt}>
                      {new Date(item.createdAt).toLocaleString()}
                    </time>
                  </Text>
                </UnstyledButton>
              </li>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        {items.length > 0 && (
          <Anchor size="xs" c="dimmed" component="span">
            Showing the newest {items.length}.
          </Anchor>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path
        d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15L6 16Zm4 3.5a2 2 0 0 0 4 0"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
