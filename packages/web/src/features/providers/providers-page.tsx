import { Stack, Tabs } from '@mantine/core';
import { IconStethoscope } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyBlock } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import type { Role } from '../../api/types';
import { useSession } from '../auth/use-session';
import { useCurrentOrg } from '../shell/current-org';
import { ChangesPanel } from './changes-panel';
import { ImportPanel } from './import-panel';
import { ListingsPanel } from './listings-panel';
import { ProviderCard } from './provider-card';
import { PublicPagePanel } from './public-page-panel';
import { useProviderChanges, useProviders, usePublicPage } from './use-providers';

/** Mirrors the server's policy table for what the screen offers; the server decides for real. */
const manageRoles: Role[] = ['owner', 'admin', 'marketer'];
const postRoles: Role[] = ['owner', 'admin', 'marketer', 'compliance_officer', 'clinician'];

export function ProvidersPage() {
  const org = useCurrentOrg();
  const session = useSession();
  const providers = useProviders(org.orgId);
  const changes = useProviderChanges(org.orgId);
  const page = usePublicPage(org.orgId);
  const [tab, setTab] = useState<string | null>('providers');
  const me = session.data?.user.id;
  const canManage = manageRoles.includes(org.role);
  const canShare = postRoles.includes(org.role);
  const waiting = (changes.data ?? []).filter((c) => c.status === 'pending' && c.mine).length;

  return (
    <>
      <PageHeader
        title="Providers"
        description="Verified profiles: credentials, NPI, licences, certifications and publications, published as fast public pages without trackers."
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="providers">Profiles</Tabs.Tab>
          <Tabs.Tab value="changes">
            {waiting > 0 ? `Changes to approve (${waiting})` : 'Changes'}
          </Tabs.Tab>
          {canManage ? <Tabs.Tab value="import">Import</Tabs.Tab> : null}
          <Tabs.Tab value="listings">Listings</Tabs.Tab>
          <Tabs.Tab value="page">Public page</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="providers">
          <QueryState query={providers} label="providers">
            {(all) =>
              all.length === 0 ? (
                <EmptyBlock icon={<IconStethoscope />} title="No providers yet">
                  Import them from an NPPES data file in the Import tab.
                </EmptyBlock>
              ) : (
                <Stack gap="md">
                  {all.map((p) => (
                    <ProviderCard
                      key={p.id}
                      orgId={org.orgId}
                      provider={p}
                      mine={p.userId !== null && p.userId === me}
                      canManage={canManage}
                      canShare={canShare}
                      pageUrl={page.data?.published ? page.data.url : null}
                      providers={all}
                      pending={
                        (changes.data ?? []).filter(
                          (c) => c.providerId === p.id && c.status === 'pending',
                        ).length
                      }
                    />
                  ))}
                </Stack>
              )
            }
          </QueryState>
        </Tabs.Panel>
        <Tabs.Panel value="changes">
          <ChangesPanel />
        </Tabs.Panel>
        {canManage ? (
          <Tabs.Panel value="import">
            <ImportPanel />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="listings">
          <ListingsPanel providers={providers.data ?? []} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="page">
          <PublicPagePanel canManage={canManage} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
