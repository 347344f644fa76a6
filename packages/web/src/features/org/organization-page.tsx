import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { can } from '../members/roles';
import { useCurrentOrg } from '../shell/current-org';
import { OrganizationForm } from './organization-form';
import { useOrganization } from './use-organization';

export function OrganizationPage() {
  const org = useCurrentOrg();
  const organization = useOrganization(org.orgId);
  const editable = can.manageOrg(org.role);
  return (
    <>
      <PageHeader
        title="Organization"
        description="Your organization's name and the security rules that apply to everyone in it."
      />
      {!editable ? (
        <Alert variant="light" color="gray" icon={<IconLock aria-hidden />} mb="md">
          Only owners and admins can change these settings.
        </Alert>
      ) : null}
      <QueryState query={organization} label="the organization">
        {(data) => <OrganizationForm key={data.id} organization={data} editable={editable} />}
      </QueryState>
    </>
  );
}
