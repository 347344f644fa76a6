import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconDownload,
  IconFileUpload,
  IconSearch,
  IconSend,
  IconSignature,
  IconTemplate,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/api-error';
import { consentsApi, consentStatuses, type ConsentStatus } from '../../api/consents';
import { EmptyBlock } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { useCurrentOrg } from '../shell/current-org';
import {
  canConsent,
  channelLabels,
  describeExpiry,
  saveBlob,
  statusLabels,
} from './consent-labels';
import { ConsentStatusBadge } from './consent-status-badge';
import { consentPaths } from './consent-paths';
import { useConsents } from './use-consents';

/**
 * Every patient authorization of the organization: search, filter by status, see what depends
 * on each, and export the lot (CSV and the signed PDFs) for an audit.
 */
export function ConsentsPage() {
  const org = useCurrentOrg();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<ConsentStatus | undefined>();
  const [query] = useDebouncedValue(search, 250);
  const list = useConsents(org.orgId, { query, status });
  const [exporting, setExporting] = useState(false);

  const exportZip = async () => {
    setExporting(true);
    try {
      const { blob, filename } = await consentsApi.exportZip(org.orgId, { query, status });
      saveBlob(blob, filename ?? 'bedside-authorizations.zip');
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    } finally {
      setExporting(false);
    }
  };

  if (!canConsent.read(org.role))
    return (
      <>
        <PageHeader title="Consents" />
        <EmptyBlock icon={<IconSignature />} title="Not available to your role">
          Patient authorizations name patients, so only staff who work with them can see them.
        </EmptyBlock>
      </>
    );

  return (
    <>
      <PageHeader
        title="Consents"
        description="Patients' written authorizations (HIPAA 45 CFR 164.508) for stories, testimonials and photos. Kept at least six years after they end; never deleted."
        actions={
          <>
            {canConsent.request(org.role) ? (
              <Button
                component={Link}
                to={consentPaths.new}
                leftSection={<IconSend size={16} aria-hidden />}
              >
                Request an authorization
              </Button>
            ) : null}
            {canConsent.manage(org.role) ? (
              <>
                <Button
                  component={Link}
                  to={consentPaths.paper}
                  variant="default"
                  leftSection={<IconFileUpload size={16} aria-hidden />}
                >
                  Record a paper form
                </Button>
                <Button
                  component={Link}
                  to={consentPaths.template}
                  variant="default"
                  leftSection={<IconTemplate size={16} aria-hidden />}
                >
                  Form template
                </Button>
              </>
            ) : null}
            {canConsent.export(org.role) ? (
              <Button
                variant="default"
                loading={exporting}
                onClick={() => void exportZip()}
                leftSection={<IconDownload size={16} aria-hidden />}
              >
                Export for audit
              </Button>
            ) : null}
          </>
        }
      />
      <Group mb="md" align="flex-end">
        <TextInput
          label="Search"
          placeholder="Patient name, chart number or contact"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={{ base: '100%', sm: 340 }}
        />
        <Select
          label="Status"
          placeholder="All statuses"
          clearable
          data={consentStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
          value={status ?? null}
          onChange={(value) => setStatus((value as ConsentStatus | null) ?? undefined)}
          w={{ base: '100%', sm: 240 }}
        />
      </Group>
      <QueryState query={list} label="authorizations">
        {(items) =>
          items.length === 0 ? (
            <EmptyBlock icon={<IconSignature />} title="No authorizations found">
              {query || status
                ? 'Nothing matches this search.'
                : 'Request one from a patient before you post their story, review or photo.'}
            </EmptyBlock>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Patient</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Ends</Table.Th>
                    <Table.Th>Where</Table.Th>
                    <Table.Th>Depends on it</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.id}>
                      <Table.Td>
                        <Stack gap={0}>
                          <Anchor component={Link} to={consentPaths.detail(item.id)} fw={600}>
                            {item.patientName}
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {item.externalId ? `Chart ${item.externalId} · ` : ''}
                            {item.source === 'paper' ? 'Paper form' : 'Signed online'}
                          </Text>
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <ConsentStatusBadge status={item.status} />
                      </Table.Td>
                      <Table.Td>{describeExpiry(item.expiry)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {item.channels.map((c) => channelLabels[c]).join(', ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {item.dependentPosts === 1 ? '1 post' : `${item.dependentPosts} posts`}
                          {item.openTakedowns > 0 ? ` · ${item.openTakedowns} to take down` : ''}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </>
  );
}
