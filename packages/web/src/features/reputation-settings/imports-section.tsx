import { Button, Group, List, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { formatDateTime } from '../../lib/format';
import { ImportModal } from '../inbox/import-modal';
import { sourceLabel } from '../inbox/labels';
import { settingsApi } from './api';

/**
 * Review sites without an API: import a CSV or JSON export with its column mapping (the import
 * dialog shows the file's columns and a suggested mapping to confirm), and what past imports did.
 */
export function ImportsSection(props: { orgId: string }) {
  const { orgId } = props;
  const [importing, setImporting] = useState(false);
  const imports = useQuery({
    queryKey: ['reputation', orgId, 'imports'],
    queryFn: ({ signal }) => settingsApi.imports(orgId, signal),
  });
  const list = imports.data?.imports ?? [];
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="imports-title"
    >
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} size="h4" id="imports-title">
            Imports from review sites
          </Title>
          <Text size="sm" c="dimmed">
            Healthgrades, Vitals, Zocdoc, Yelp, RateMDs and WebMD have no API: import their CSV or
            JSON exports and match the columns to review fields. Importing the same file again
            changes nothing.
          </Text>
        </div>
        <Button onClick={() => setImporting(true)}>Import a file</Button>
      </Group>
      {imports.error ? <FormError message={errorMessage(imports.error)} /> : null}
      {list.length === 0 ? (
        imports.isSuccess ? (
          <Text size="sm" c="dimmed">
            Nothing imported yet.
          </Text>
        ) : null
      ) : (
        <Table aria-label="Recent imports" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Site and file</Table.Th>
              <Table.Th>New</Table.Th>
              <Table.Th>Changed</Table.Th>
              <Table.Th>Unchanged</Table.Th>
              <Table.Th>Skipped rows</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.slice(0, 10).map((i) => (
              <Table.Tr key={i.importId}>
                <Table.Td>{formatDateTime(i.createdAt)}</Table.Td>
                <Table.Td>
                  {sourceLabel(i.source)}
                  {i.fileName ? ` · ${i.fileName}` : ''}
                </Table.Td>
                <Table.Td>{i.created}</Table.Td>
                <Table.Td>{i.updated}</Table.Td>
                <Table.Td>{i.unchanged}</Table.Td>
                <Table.Td>
                  {i.skipped}
                  {i.problems.length > 0 ? (
                    <List size="xs" c="red.8">
                      {i.problems.slice(0, 3).map((p) => (
                        <List.Item key={p.line}>
                          Line {p.line}: {p.reason}
                        </List.Item>
                      ))}
                    </List>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ImportModal orgId={orgId} opened={importing} onClose={() => setImporting(false)} />
    </Paper>
  );
}
