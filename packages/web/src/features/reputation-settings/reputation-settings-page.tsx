import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/page-header';
import { useCurrentOrg } from '../shell/current-org';
import { AlertPreferencesSection } from './alert-preferences-section';
import { ImportsSection } from './imports-section';
import { SourcesSection } from './sources-section';
import { WebhooksSection } from './webhooks-section';

/** Roles of the server's policy: `review.manage` (sources, webhooks) and `review.import`. */
const MANAGE = new Set(['owner', 'admin', 'marketer', 'compliance_officer']);
const IMPORT = new Set(['owner', 'admin', 'marketer']);

/** Where reviews come from, where alerts go, and which alerts reach me. */
export function ReputationSettingsPage() {
  const { orgId, role } = useCurrentOrg();
  return (
    <>
      <PageHeader
        title="Reviews & alerts"
        description="The accounts and review sites the inbox reads, the webhooks that hear about negative or urgent items, and the alerts you get."
      />
      <Stack gap="lg">
        <SourcesSection orgId={orgId} canManage={MANAGE.has(role)} />
        {IMPORT.has(role) ? <ImportsSection orgId={orgId} /> : null}
        {MANAGE.has(role) ? <WebhooksSection orgId={orgId} /> : null}
        <AlertPreferencesSection orgId={orgId} />
      </Stack>
    </>
  );
}
