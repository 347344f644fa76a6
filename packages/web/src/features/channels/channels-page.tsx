import { Button, Group, Menu, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBrandBluesky,
  IconBrandMastodon,
  IconChevronDown,
  IconPlugConnected,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { endpoints } from '../../api/endpoints';
import type { Channel, Location } from '../../api/types';
import { EmptyBlock } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { useLocations } from '../locations/use-locations';
import { can } from '../members/roles';
import { useCurrentOrg } from '../shell/current-org';
import { ChannelStatusBadge } from './channel-status-badge';
import { blueskyOAuth } from './bluesky-oauth-api';
import { ConnectBlueskyForm } from './connect-bluesky-form';
import { ConnectBlueskyOAuthForm } from './connect-bluesky-oauth-form';
import { ConnectMastodonForm } from './connect-mastodon-form';
import { ConnectNetworkForm } from './connect-network-form';
import { networkLabels } from '../compose/network-label';
import { networkOAuth, oauthNetworks, type OAuthNetwork } from './network-oauth-api';
import { useChannelMutations, useChannels } from './use-channels';

export function ChannelsPage() {
  const org = useCurrentOrg();
  const channels = useChannels(org.orgId);
  const locations = useLocations(org.orgId);
  const mutations = useChannelMutations(org.orgId);
  const connect = can.connectChannels(org.role);
  const manage = can.manageChannels(org.role);
  const [connecting, setConnecting] = useState<'bluesky' | 'mastodon' | OAuthNetwork>();
  /** Bluesky connects with an app password (the default) or by signing in on the account's server. */
  const [blueskyMethod, setBlueskyMethod] = useState<'password' | 'oauth'>('password');
  const configured = useQuery({
    queryKey: ['org', org.orgId, 'channels', 'networks'],
    queryFn: ({ signal }) => networkOAuth.configured(org.orgId, signal),
    enabled: connect,
  });
  const oauthConnecting = oauthNetworks.find((n) => n === connecting);
  const [disconnecting, setDisconnecting] = useState<Channel>();
  const activeLocations = (locations.data ?? []).filter((l) => !l.archived);

  const validate = (channel: Channel) =>
    mutations.validate.mutate(channel.id, {
      onSuccess: (checked) =>
        notifications.show(
          checked.status === 'connected'
            ? { message: `${checked.handle} is connected` }
            : { color: 'orange', message: `${checked.handle} needs reconnecting` },
        ),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });

  return (
    <>
      <PageHeader
        title="Channels"
        description="The social accounts each location posts to. Bedside keeps their access encrypted and never shows it."
        actions={
          connect ? (
            <Group gap="sm">
              <Button
                leftSection={<IconBrandBluesky size={16} aria-hidden />}
                onClick={() => {
                  setBlueskyMethod('password');
                  setConnecting('bluesky');
                }}
              >
                Connect Bluesky
              </Button>
              <Button
                leftSection={<IconBrandMastodon size={16} aria-hidden />}
                onClick={() => setConnecting('mastodon')}
              >
                Connect Mastodon
              </Button>
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button
                    variant="default"
                    rightSection={<IconChevronDown size={16} aria-hidden />}
                  >
                    Connect another network
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {oauthNetworks.map((network) => {
                    const ready = configured.data?.configured[network] === true;
                    return (
                      <Menu.Item
                        key={network}
                        disabled={!ready}
                        onClick={() => setConnecting(network)}
                        aria-label={
                          ready
                            ? `Connect ${networkLabels[network]}`
                            : `${networkLabels[network]}: not set up on this Bedside`
                        }
                      >
                        <Text size="sm">{networkLabels[network]}</Text>
                        {ready ? null : (
                          <Text size="xs" c="dimmed">
                            An administrator must configure an app first
                          </Text>
                        )}
                      </Menu.Item>
                    );
                  })}
                </Menu.Dropdown>
              </Menu>
            </Group>
          ) : null
        }
      />
      <QueryState query={channels} label="channels">
        {(all) =>
          all.length === 0 ? (
            <EmptyBlock icon={<IconPlugConnected />} title="No channels yet">
              Connect a Bluesky, Mastodon, Facebook, Instagram, LinkedIn, X or Google Business
              Profile account to a location to publish there.
            </EmptyBlock>
          ) : (
            <Stack gap="lg">
              {groupByLocation(all, locations.data ?? []).map(({ location, channels: list }) => (
                <Paper
                  key={location.id}
                  withBorder
                  radius="md"
                  p="md"
                  component="section"
                  aria-labelledby={`loc-${location.id}`}
                >
                  <Title order={2} size="h4" mb="sm" id={`loc-${location.id}`}>
                    {location.name}
                  </Title>
                  <Table verticalSpacing="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Account</Table.Th>
                        <Table.Th>Network</Table.Th>
                        <Table.Th>Status</Table.Th>
                        <Table.Th>Last checked</Table.Th>
                        {connect ? (
                          <Table.Th>
                            <span className="visually-hidden">Actions</span>
                          </Table.Th>
                        ) : null}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {list.map((channel) => (
                        <Table.Tr key={channel.id}>
                          <Table.Td>
                            <Text fw={500}>{channel.handle}</Text>
                            <Text size="xs" c="dimmed">
                              {channel.serviceUrl}
                            </Text>
                          </Table.Td>
                          <Table.Td>{networkLabels[channel.network]}</Table.Td>
                          <Table.Td>
                            <ChannelStatusBadge channel={channel} />
                          </Table.Td>
                          <Table.Td>
                            {channel.lastValidatedAt
                              ? formatDateTime(channel.lastValidatedAt)
                              : '—'}
                          </Table.Td>
                          {connect ? (
                            <Table.Td>
                              <Group gap="xs" justify="flex-end" wrap="nowrap">
                                <Button
                                  size="xs"
                                  variant="default"
                                  aria-label={`Validate ${channel.handle}`}
                                  loading={
                                    mutations.validate.isPending &&
                                    mutations.validate.variables === channel.id
                                  }
                                  onClick={() => validate(channel)}
                                >
                                  Validate
                                </Button>
                                {manage ? (
                                  <Button
                                    size="xs"
                                    variant="subtle"
                                    color="red"
                                    aria-label={`Disconnect ${channel.handle}`}
                                    onClick={() => setDisconnecting(channel)}
                                  >
                                    Disconnect
                                  </Button>
                                ) : null}
                              </Group>
                            </Table.Td>
                          ) : null}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Paper>
              ))}
            </Stack>
          )
        }
      </QueryState>

      <Modal
        opened={connecting === 'bluesky'}
        onClose={() => setConnecting(undefined)}
        title="Connect a Bluesky account"
      >
        {blueskyMethod === 'oauth' ? (
          <ConnectBlueskyOAuthForm
            locations={activeLocations}
            onCancel={() => setConnecting(undefined)}
            onUseAppPassword={() => setBlueskyMethod('password')}
            onStart={async (values) => {
              const { authorizeUrl } = await blueskyOAuth.start(org.orgId, values);
              window.location.assign(authorizeUrl);
            }}
          />
        ) : (
          <Stack gap="md">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" c="dimmed">
                Or let your Bluesky server sign you in, with no app-specific password to create.
              </Text>
              <Button variant="light" size="xs" onClick={() => setBlueskyMethod('oauth')}>
                Sign in with Bluesky instead
              </Button>
            </Group>
            <ConnectBlueskyForm
              locations={activeLocations}
              onCancel={() => setConnecting(undefined)}
              onConnect={async (values) => {
                const channel = await mutations.connectBluesky.mutateAsync(values);
                notifications.show({ message: `${channel.handle} connected` });
                setConnecting(undefined);
              }}
            />
          </Stack>
        )}
      </Modal>
      <Modal
        opened={connecting === 'mastodon'}
        onClose={() => setConnecting(undefined)}
        title="Connect a Mastodon account"
      >
        <ConnectMastodonForm
          locations={activeLocations}
          onCancel={() => setConnecting(undefined)}
          onStart={async (values) => {
            const { authorizeUrl } = await endpoints.startMastodon(org.orgId, values);
            window.location.assign(authorizeUrl);
          }}
        />
      </Modal>
      <Modal
        opened={oauthConnecting !== undefined}
        onClose={() => setConnecting(undefined)}
        title={oauthConnecting ? `Connect ${networkLabels[oauthConnecting]}` : ''}
      >
        {oauthConnecting ? (
          <ConnectNetworkForm
            network={oauthConnecting}
            locations={activeLocations}
            onCancel={() => setConnecting(undefined)}
            onStart={async (values) => {
              const { authorizeUrl } = await networkOAuth.start(org.orgId, oauthConnecting, values);
              window.location.assign(authorizeUrl);
            }}
          />
        ) : null}
      </Modal>
      <Modal
        opened={disconnecting !== undefined}
        onClose={() => setDisconnecting(undefined)}
        title="Disconnect channel?"
        centered
      >
        <Stack gap="md">
          <Text size="sm">
            Bedside will erase its access to {disconnecting?.handle}. Scheduled posts for this
            account will not go out. You can connect it again later.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDisconnecting(undefined)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={mutations.disconnect.isPending}
              onClick={() => {
                const channel = disconnecting;
                if (!channel) return;
                mutations.disconnect.mutate(channel.id, {
                  onSuccess: () =>
                    notifications.show({ message: `${channel.handle} disconnected` }),
                  onError: (error) =>
                    notifications.show({ color: 'red', message: errorMessage(error) }),
                  onSettled: () => setDisconnecting(undefined),
                });
              }}
            >
              Disconnect
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function groupByLocation(
  channels: Channel[],
  locations: Location[],
): { location: Pick<Location, 'id' | 'name'>; channels: Channel[] }[] {
  const groups = new Map<string, Channel[]>();
  for (const channel of channels)
    groups.set(channel.locationId, [...(groups.get(channel.locationId) ?? []), channel]);
  return [...groups].map(([id, list]) => ({
    location: locations.find((l) => l.id === id) ?? { id, name: 'Location' },
    channels: list,
  }));
}
