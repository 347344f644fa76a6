import { Paper, SimpleGrid, Skeleton, Text, Title } from '@mantine/core';
import { useLocations } from '../locations/use-locations';
import { useOrganization } from '../org/use-organization';

function Stat(props: { label: string; value: string | undefined; hint?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700} style={{ letterSpacing: '0.05em' }}>
        {props.label}
      </Text>
      {props.value === undefined ? (
        <Skeleton height={20} mt={6} width="60%" />
      ) : (
        <Text fw={700} size="md" mt={2}>
          {props.value}
        </Text>
      )}
      {props.hint ? (
        <Text size="xs" c="dimmed">
          {props.hint}
        </Text>
      ) : null}
    </Paper>
  );
}

/** A glance at the organization's setup and security settings, for owners and admins. */
export function OrgSummary(props: { orgId: string }) {
  const org = useOrganization(props.orgId);
  const locations = useLocations(props.orgId);
  const active = locations.data?.filter((l) => !l.archived);
  const unavailable = 'Unavailable';
  return (
    <section aria-labelledby="setup-title">
      <Title order={2} size="h4" mb="sm" id="setup-title">
        Setup and security
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Stat
          label="Active locations"
          value={locations.error ? unavailable : active ? String(active.length) : undefined}
          hint={active?.map((l) => l.name).join(', ')}
        />
        <Stat
          label="Two-factor sign-in"
          value={
            org.error
              ? unavailable
              : org.data
                ? org.data.requireTotp
                  ? 'Required'
                  : 'Optional'
                : undefined
          }
          hint={
            org.data && !org.data.requireTotp ? 'Consider requiring it for everyone' : undefined
          }
        />
        <Stat
          label="Idle sign-out"
          value={
            org.error ? unavailable : org.data ? `${org.data.idleTimeoutMinutes} min` : undefined
          }
          hint="Without activity, people are signed out"
        />
      </SimpleGrid>
    </section>
  );
}
