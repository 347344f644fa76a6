import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import {
  listingImportFields,
  providerEndpoints as ep,
  type ListingImportField,
  type ListingImportReport,
  type ListingMapping,
} from '../../api/providers';
import { useProviderMutations } from './use-providers';

const fieldLabels: Record<ListingImportField, string> = {
  directory: 'Site (Google, Healthgrades …)',
  name: 'Name as listed',
  address: 'Address as listed',
  phone: 'Phone as listed',
  url: 'Listing link',
  npi: 'Provider NPI (empty for the practice)',
  location: 'Location (name)',
};
const required: ListingImportField[] = ['directory', 'name', 'address', 'phone'];
const actionLabels = { create: 'New', update: 'Changed', unchanged: 'Unchanged' } as const;

function problemsOf(error: unknown): { line: number; reason: string }[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details as { problems?: { line: number; reason: string }[] } | undefined;
  return details?.problems ?? [];
}

/**
 * Listings from a CSV (an agency's audit, a directory export): choose the file, check which
 * column holds what, check the whole file, then import. A file with any bad row is refused with
 * every problem by line and nothing is imported; the same file twice changes nothing.
 */
export function ListingsImport(props: { orgId: string; directoryLabel: (d: string) => string }) {
  const [csv, setCsv] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [mapping, setMapping] = useState<ListingMapping>({});
  const [checked, setChecked] = useState<ListingImportReport>();
  const { importListings } = useProviderMutations(props.orgId);
  const preview = useMutation({
    mutationFn: async (chosen: File) => {
      const text = await chosen.text();
      setCsv(text);
      return ep.previewListingImport(props.orgId, text.slice(0, 200_000));
    },
    onSuccess: (data) => {
      setColumns(data.columns);
      setMapping(data.suggested);
    },
  });
  const run = (apply: boolean) =>
    importListings.mutate({ csv, mapping, apply }, { onSuccess: (report) => setChecked(report) });
  const problems = problemsOf(importListings.error);
  const missing = required.filter((f) => !mapping[f]);
  const report = checked;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="import-listings">
      <Title order={2} size="h4" id="import-listings" mb="sm">
        Import listings from a CSV file
      </Title>
      <Stack gap="sm">
        <FileInput
          label="Listings CSV file"
          description="One listing per row: the site, the name, address and phone as shown there, optionally the link, the provider's NPI and the location"
          accept=".csv,text/csv"
          value={file}
          onChange={(f) => {
            setFile(f);
            setChecked(undefined);
            importListings.reset();
            if (f) preview.mutate(f);
            else setColumns([]);
          }}
          error={preview.error ? errorMessage(preview.error) : undefined}
        />
        {columns.length > 0 ? (
          <>
            <Text size="sm" fw={600} id="listing-mapping">
              Which column holds what?
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} role="group" aria-labelledby="listing-mapping">
              {listingImportFields.map((field) => (
                <NativeSelect
                  key={field}
                  label={`Column for ${fieldLabels[field]}`}
                  required={required.includes(field)}
                  data={[{ value: '', label: 'Not in this file' }, ...columns]}
                  value={mapping[field] ?? ''}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setMapping((m) => {
                      const next = { ...m };
                      if (value) next[field] = value;
                      else delete next[field];
                      return next;
                    });
                    setChecked(undefined);
                  }}
                />
              ))}
            </SimpleGrid>
            {missing.length > 0 ? (
              <Text size="sm" c="dimmed">
                Choose the columns for {missing.map((f) => fieldLabels[f]).join(', ')}.
              </Text>
            ) : null}
            <Group>
              <Button
                variant="default"
                onClick={() => run(false)}
                disabled={missing.length > 0}
                loading={importListings.isPending && !importListings.variables?.apply}
              >
                Check file
              </Button>
              {report && !report.applied && report.created + report.updated > 0 ? (
                <Button onClick={() => run(true)} loading={importListings.isPending}>
                  Import {report.created + report.updated} listing
                  {report.created + report.updated === 1 ? '' : 's'}
                </Button>
              ) : null}
            </Group>
          </>
        ) : null}
        {problems.length > 0 ? (
          <Alert color="red" title={importListings.error?.message} role="alert">
            <List size="sm">
              {problems.map((p) => (
                <List.Item key={`${p.line}-${p.reason}`}>
                  Line {p.line}: {p.reason}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : importListings.error ? (
          <Alert color="red" role="alert">
            {importListings.error instanceof ApiError && importListings.error.fields.mapping
              ? importListings.error.fields.mapping
              : errorMessage(importListings.error)}
          </Alert>
        ) : null}
        {report ? (
          <Stack gap="xs" role="region" aria-label="Listings import check">
            <Text size="sm" role="status" fw={600}>
              {report.applied
                ? `Imported: ${report.created} new, ${report.updated} changed, ${report.unchanged} unchanged.`
                : report.created + report.updated === 0
                  ? `Nothing to import: all ${report.unchanged} listings are already recorded as in this file.`
                  : `The file is good: ${report.created} new, ${report.updated} changed, ${report.unchanged} unchanged. Nothing is written until you import.`}
            </Text>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Line</Table.Th>
                  <Table.Th scope="col">Site</Table.Th>
                  <Table.Th scope="col">For</Table.Th>
                  <Table.Th scope="col">Location</Table.Th>
                  <Table.Th scope="col">Change</Table.Th>
                  <Table.Th scope="col">Against the master record</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.rows.map((r) => (
                  <Table.Tr key={r.line}>
                    <Table.Td>{r.line}</Table.Td>
                    <Table.Td>{props.directoryLabel(r.directory)}</Table.Td>
                    <Table.Td>{r.subject}</Table.Td>
                    <Table.Td>{r.locationName}</Table.Td>
                    <Table.Td>{actionLabels[r.action]}</Table.Td>
                    <Table.Td>
                      {r.mismatches.length === 0 ? (
                        <Badge color="green" variant="light">
                          Matches
                        </Badge>
                      ) : (
                        r.mismatches.map((m) => (
                          <Text size="sm" key={m.field}>
                            <Badge color="red" variant="light" mr={6}>
                              {m.field}
                            </Badge>
                            should be {m.master}
                          </Text>
                        ))
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
