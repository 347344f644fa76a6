import { Button, Group, Modal, SimpleGrid, Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMapPin, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { Location } from '../../api/types';
import { EmptyBlock } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { can } from '../members/roles';
import { useCurrentOrg } from '../shell/current-org';
import { LocationCard } from './location-card';
import { LocationForm } from './location-form';
import { useLocations, useSaveLocation } from './use-locations';

type Editing = { mode: 'new' } | { mode: 'edit'; location: Location } | undefined;

export function LocationsPage() {
  const org = useCurrentOrg();
  const locations = useLocations(org.orgId);
  const save = useSaveLocation(org.orgId);
  const editable = can.manageOrg(org.role);
  const [editing, setEditing] = useState<Editing>();
  const [showArchived, setShowArchived] = useState(false);

  const toggleArchived = (location: Location) => {
    save.mutate(
      { id: location.id, changes: { archived: !location.archived } },
      {
        onSuccess: () =>
          notifications.show({
            message: `${location.name} ${location.archived ? 'restored' : 'archived'}`,
          }),
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
      },
    );
  };

  return (
    <>
      <PageHeader
        title="Locations"
        description="Each office of your practice, with its address, phone and time zone. The guard treats these details as your own, never as patient information."
        actions={
          editable ? (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setEditing({ mode: 'new' })}
            >
              Add location
            </Button>
          ) : null
        }
      />
      <QueryState query={locations} label="locations">
        {(all) => {
          const archivedCount = all.filter((l) => l.archived).length;
          const shown = showArchived ? all : all.filter((l) => !l.archived);
          return (
            <>
              {archivedCount > 0 ? (
                <Group mb="md">
                  <Switch
                    label={`Show archived (${archivedCount})`}
                    checked={showArchived}
                    onChange={(e) => setShowArchived(e.currentTarget.checked)}
                  />
                </Group>
              ) : null}
              {shown.length === 0 ? (
                <EmptyBlock icon={<IconMapPin />} title="No locations yet">
                  Add the offices where you see patients. Posts are scheduled in each
                  location&apos;s time zone.
                </EmptyBlock>
              ) : (
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
                  {shown.map((location) => (
                    <LocationCard
                      key={location.id}
                      location={location}
                      editable={editable}
                      busy={save.isPending && save.variables?.id === location.id}
                      onEdit={() => setEditing({ mode: 'edit', location })}
                      onToggleArchived={() => toggleArchived(location)}
                    />
                  ))}
                </SimpleGrid>
              )}
            </>
          );
        }}
      </QueryState>
      <Modal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing?.mode === 'edit' ? `Edit ${editing.location.name}` : 'Add a location'}
        size="lg"
      >
        {editing ? (
          <LocationForm
            location={editing.mode === 'edit' ? editing.location : undefined}
            onCancel={() => setEditing(undefined)}
            onSave={async (input) => {
              const id = editing.mode === 'edit' ? editing.location.id : undefined;
              await save.mutateAsync({ ...(id ? { id } : {}), changes: input });
              notifications.show({ color: 'bedside', message: `${input.name} saved` });
              setEditing(undefined);
            }}
          />
        ) : null}
      </Modal>
    </>
  );
}
