import { Button, Menu, Text } from '@mantine/core';
import { IconCheck, IconChevronDown, IconBuildingHospital } from '@tabler/icons-react';
import type { Membership } from '../../api/types';
import { roleLabels } from '../members/roles';

/** Switches between organizations when the user belongs to more than one. */
export function OrgSwitcher(props: {
  memberships: Membership[];
  current: Membership;
  onSwitch: (orgId: string) => void;
}) {
  const { memberships, current } = props;
  if (memberships.length < 2) {
    return (
      <Text size="sm" fw={600} truncate="end" maw={{ base: 140, sm: 280 }}>
        {current.orgName}
      </Text>
    );
  }
  return (
    <Menu position="bottom-start" width={280} shadow="md">
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          rightSection={<IconChevronDown size={16} aria-hidden />}
          leftSection={<IconBuildingHospital size={18} aria-hidden />}
          aria-label={`Switch organization (current: ${current.orgName})`}
          maw={{ base: 180, sm: 320 }}
          styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
        >
          {current.orgName}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Your organizations</Menu.Label>
        {memberships.map((membership) => (
          <Menu.Item
            key={membership.orgId}
            onClick={() => props.onSwitch(membership.orgId)}
            rightSection={
              membership.orgId === current.orgId ? (
                <IconCheck size={16} aria-label="Current" />
              ) : null
            }
          >
            <Text size="sm" fw={500}>
              {membership.orgName}
            </Text>
            <Text size="xs" c="dimmed">
              {roleLabels[membership.role]}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
