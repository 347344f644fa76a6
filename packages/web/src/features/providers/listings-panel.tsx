import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMapPin } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { directories, type Directory, type Provider } from '../../api/providers';
import { EmptyBlock } from '../../components/empty-state';
import { QueryState } from '../../components/query-state';
import { useLocations } from '../locations/use-locations';
import { useCurrentOrg } from '../shell/current-org';
import { ListingsImport } from './listings-import';
import { useListings, useProviderMutations } from './use-providers';

const directoryLabels: Record<Directory, string> = {
  google: 'Google',
  healthgrades: 'Healthgrades',
  vitals: 'Vitals',
  zocdoc: 'Zocdoc',
  webmd: 'WebMD',
  yelp: 'Yelp',
  facebook: 'Facebook',
  bing: 'Bing',
  apple_maps: 'Apple Maps',
  other: 'Other',
};

/** Where the practice and its providers are listed, and where the name, address or phone is off. */
export function ListingsPanel(props: { providers: Provider[]; canManage: boolean }) {
  const org = useCurrentOrg();
  const listings = useListings(org.orgId);
  const locations = useLocations(org.orgId);
  const { addListing, deleteListing } = useProviderMutations(org.orgId);
  const [form, setForm] = useState({
    directory: 'google',
    providerId: '',
    locationId: '',
    name: '',
    address: '',
    phone: '',
    url: '',
  });
  const providerName = (id: string | null) =>
    id ? (props.providers.find((p) => p.id === id)?.displayName ?? 'Provider') : 'The practice';
  const set = (key: keyof typeof form) => (value: string | null) =>
    setForm((f) => ({ ...f, [key]: value ?? '' }));
  const fieldError = (name: string) =>
    addListing.error && 'fields' in addListing.error
      ? (addListing.error as { fields: Record<string, string> }).fields[name]
      : undefined;

  return (
    <Stack gap="lg">
      <QueryState query={listings} label="listings">
        {(all) =>
          all.length === 0 ? (
            <EmptyBlock icon={<IconMapPin />} title="No listings recorded">
              Record how Google, Healthgrades, Zocdoc and other directories show your practice and
              providers; Bedside compares each with your master record.
            </EmptyBlock>
          ) : (
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Directory</Table.Th>
                  <Table.Th scope="col">For</Table.Th>
                  <Table.Th scope="col">As listed there</Table.Th>
                  <Table.Th scope="col">Consistency</Table.Th>
                  {props.canManage ? <Table.Th scope="col">Actions</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {all.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>{directoryLabels[l.directory]}</Table.Td>
                    <Table.Td>{providerName(l.providerId)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{l.name}</Text>
                      <Text size="sm">{l.address}</Text>
                      <Text size="sm">{l.phone}</Text>
                    </Table.Td>
                    <Table.Td>
                      {l.mismatches.length === 0 ? (
                        <Badge color="green" variant="light">
                          Matches
                        </Badge>
                      ) : (
                        <Stack gap={4}>
                          {l.mismatches.map((m) => (
                            <Text size="sm" key={m.field}>
                              <Badge color="red" variant="light" mr={6}>
                                {m.field}
                              </Badge>
                              should be {m.master}
                            </Text>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                    {props.canManage ? (
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant="default"
                          onClick={() => deleteListing.mutate(l.id)}
                          aria-label={`Remove the ${directoryLabels[l.directory]} listing of ${providerName(l.providerId)}`}
                        >
                          Remove
                        </Button>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      {props.canManage ? (
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="add-listing">
          <Title order={2} size="h4" id="add-listing" mb="sm">
            Record a listing
          </Title>
          <Stack gap="sm">
            <Group grow>
              <Select
                label="Directory"
                data={directories.map((d) => ({ value: d, label: directoryLabels[d] }))}
                value={form.directory}
                onChange={set('directory')}
                allowDeselect={false}
              />
              <Select
                label="For"
                data={[
                  { value: '', label: 'The practice' },
                  ...props.providers.map((p) => ({ value: p.id, label: p.displayName })),
                ]}
                value={form.providerId}
                onChange={set('providerId')}
                allowDeselect={false}
              />
              <Select
                label="Location"
                data={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
                value={form.locationId || null}
                onChange={set('locationId')}
                error={fieldError('locationId')}
              />
            </Group>
            <TextInput
              label="Name as listed"
              value={form.name}
              onChange={(e) => set('name')(e.currentTarget.value)}
              error={fieldError('name')}
            />
            <TextInput
              label="Address as listed"
              value={form.address}
              onChange={(e) => set('address')(e.currentTarget.value)}
              error={fieldError('address')}
            />
            <Group grow>
              <TextInput
                label="Phone as listed"
                value={form.phone}
                onChange={(e) => set('phone')(e.currentTarget.value)}
                error={fieldError('phone')}
              />
              <TextInput
                label="Listing link (optional)"
                value={form.url}
                onChange={(e) => set('url')(e.currentTarget.value)}
                error={fieldError('url')}
              />
            </Group>
            <Group>
              <Button
                loading={addListing.isPending}
                onClick={() =>
                  addListing.mutate(
                    {
                      directory: form.directory as Directory,
                      providerId: form.providerId || null,
                      locationId: form.locationId,
                      name: form.name,
                      address: form.address,
                      phone: form.phone,
                      url: form.url.trim() || null,
                    },
                    {
                      onSuccess: (l) => {
                        setForm((f) => ({ ...f, name: '', address: '', phone: '', url: '' }));
                        notifications.show({
                          message: l.mismatches.length
                            ? `Recorded: ${l.mismatches.length} mismatch(es) to fix`
                            : 'Recorded: it matches',
                        });
                      },
                      onError: (e) =>
                        notifications.show({ color: 'red', message: errorMessage(e) }),
                    },
                  )
                }
              >
                Record listing
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}
      {props.canManage ? (
        <ListingsImport
          orgId={org.orgId}
          directoryLabel={(d) => directoryLabels[d as Directory] ?? d}
        />
      ) : null}
    </Stack>
  );
}
