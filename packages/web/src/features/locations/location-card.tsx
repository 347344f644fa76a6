import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconClock, IconPencil, IconPhone } from '@tabler/icons-react';
import type { Location } from '../../api/types';
import { timeZoneLabel } from './time-zones';

export function LocationCard(props: {
  location: Location;
  editable: boolean;
  busy: boolean;
  onEdit: () => void;
  onToggleArchived: () => void;
}) {
  const { location } = props;
  return (
    <Card
      withBorder
      padding="lg"
      component="article"
      aria-labelledby={`location-${location.id}`}
      opacity={location.archived ? 0.75 : 1}
    >
      <Stack gap="xs" style={{ flex: 1 }}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600} id={`location-${location.id}`} component="h2" size="md" m={0}>
            {location.name}
          </Text>
          {location.archived ? (
            <Badge color="gray" variant="light">
              Archived
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" component="address" style={{ fontStyle: 'normal' }}>
          {location.address}
          <br />
          {location.city}, {location.state} {location.zip}
        </Text>
        <Group gap={6} wrap="nowrap">
          <IconPhone size={16} aria-hidden color="var(--mantine-color-dimmed)" />
          <Text size="sm">
            {location.phone}
            {location.fax ? ` · Fax ${location.fax}` : ''}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap">
          <IconClock size={16} aria-hidden color="var(--mantine-color-dimmed)" />
          <Text size="sm" c="dimmed">
            {timeZoneLabel(location.timeZone)}
          </Text>
        </Group>
      </Stack>
      {props.editable ? (
        <Group gap="xs" mt="md">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPencil size={14} aria-hidden />}
            onClick={props.onEdit}
            aria-label={`Edit ${location.name}`}
          >
            Edit
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            loading={props.busy}
            leftSection={
              location.archived ? (
                <IconArchiveOff size={14} aria-hidden />
              ) : (
                <IconArchive size={14} aria-hidden />
              )
            }
            onClick={props.onToggleArchived}
            aria-label={`${location.archived ? 'Restore' : 'Archive'} ${location.name}`}
          >
            {location.archived ? 'Restore' : 'Archive'}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}
