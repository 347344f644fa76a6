import { Alert, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { NppesImport } from '../../api/providers';
import { useCurrentOrg } from '../shell/current-org';
import { fieldLabels } from './field-labels';
import { useProviderMutations } from './use-providers';

const actionLabels = {
  create: 'New provider',
  update: 'Changes',
  unchanged: 'No change',
  deactivated: 'NPI deactivated — not imported',
} as const;
const outcomeLabels = {
  created: 'Created',
  applied: 'Applied',
  pending: "Waiting for the clinician's approval",
  skipped: 'Skipped',
} as const;

function FilePicker(props: {
  label: string;
  accept: string;
  onText: (name: string, text: string) => void;
}) {
  const id = useId();
  return (
    <Stack gap={4}>
      <label htmlFor={id}>
        <Text size="sm" fw={500}>
          {props.label}
        </Text>
      </label>
      <input
        id={id}
        type="file"
        accept={props.accept}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void file.text().then((text) => props.onText(file.name, text));
        }}
      />
    </Stack>
  );
}

/** NPPES data file (preview the diff, then apply) and PubMed XML imports. */
export function ImportPanel() {
  const org = useCurrentOrg();
  const { importNppes, importPubmed } = useProviderMutations(org.orgId);
  const [csv, setCsv] = useState<{ name: string; text: string }>();
  const [addNpis, setAddNpis] = useState('');
  const [preview, setPreview] = useState<NppesImport>();
  const [xml, setXml] = useState<{ name: string; text: string }>();
  const [pmids, setPmids] = useState('');
  const [pubmedResult, setPubmedResult] = useState<string>();
  const npis = addNpis.split(/[\s,]+/).filter(Boolean);

  const runNppes = (apply: boolean) => {
    if (!csv) return;
    importNppes.mutate(
      { csv: csv.text, addNpis: npis, apply },
      {
        onSuccess: (result) => {
          setPreview(result);
          if (apply) notifications.show({ message: 'NPPES import applied' });
        },
      },
    );
  };

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="nppes-title">
        <Title order={2} size="h4" id="nppes-title" mb="xs">
          NPPES registry file
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          The NPI registry's public data file (CSV). Only rows for your providers' NPIs — and any
          NPIs you add below — are read. Changes to a clinician's own profile wait for their
          approval.
        </Text>
        <Stack gap="sm">
          <FilePicker
            label="NPPES CSV file"
            accept=".csv,text/csv"
            onText={(name, text) => {
              setCsv({ name, text });
              setPreview(undefined);
              importNppes.reset();
            }}
          />
          <Textarea
            label="Add new providers by NPI (optional)"
            description="Ten-digit NPIs, separated by spaces or commas"
            value={addNpis}
            onChange={(e) => setAddNpis(e.currentTarget.value)}
            autosize
            minRows={1}
          />
          <Group>
            <Button
              variant="default"
              disabled={!csv}
              loading={importNppes.isPending}
              onClick={() => runNppes(false)}
            >
              Preview changes
            </Button>
            <Button
              disabled={!preview || preview.applied}
              loading={importNppes.isPending}
              onClick={() => runNppes(true)}
            >
              Apply import
            </Button>
          </Group>
          {importNppes.error ? (
            <Alert color="red" role="alert" title="The file was not imported">
              {errorMessage(importNppes.error)}
            </Alert>
          ) : null}
          {preview ? <NppesPreview result={preview} /> : null}
        </Stack>
      </Paper>

      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="pubmed-title">
        <Title order={2} size="h4" id="pubmed-title" mb="xs">
          PubMed publications
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          PubMed XML as saved from PubMed. Articles whose authors match a provider's name are
          suggested to that provider, who confirms which are theirs.
        </Text>
        <Stack gap="sm">
          <FilePicker
            label="PubMed XML file"
            accept=".xml,text/xml,application/xml"
            onText={(name, text) => setXml({ name, text })}
          />
          <Textarea
            label="Only these PMIDs (optional)"
            value={pmids}
            onChange={(e) => setPmids(e.currentTarget.value)}
            autosize
            minRows={1}
          />
          <Group>
            <Button
              disabled={!xml}
              loading={importPubmed.isPending}
              onClick={() =>
                xml &&
                importPubmed.mutate(
                  { xml: xml.text, pmids: pmids.split(/[\s,]+/).filter(Boolean) },
                  {
                    onSuccess: (r) =>
                      setPubmedResult(
                        `Imported ${r.imported} article${r.imported === 1 ? '' : 's'} (${r.alreadyKnown} already known); ${r.suggestions} suggested to providers.`,
                      ),
                  },
                )
              }
            >
              Import publications
            </Button>
          </Group>
          {importPubmed.error ? (
            <Alert color="red" role="alert" title="The file was not imported">
              {errorMessage(importPubmed.error)}
            </Alert>
          ) : null}
          {pubmedResult && !importPubmed.error ? (
            <Alert color="green" role="status">
              {pubmedResult}
            </Alert>
          ) : null}
        </Stack>
      </Paper>
    </Stack>
  );
}

function NppesPreview(props: { result: NppesImport }) {
  const { result } = props;
  return (
    <Stack gap="xs" role="region" aria-label={result.applied ? 'Import result' : 'Import preview'}>
      <Text size="sm">
        {result.applied ? 'Imported.' : 'Preview — nothing is saved until you apply.'}{' '}
        {result.rows.length} row
        {result.rows.length === 1 ? '' : 's'} for your providers; {result.ignored} other row
        {result.ignored === 1 ? '' : 's'} ignored.
        {result.missing.length > 0 ? ` Not in the file: ${result.missing.join(', ')}.` : ''}
      </Text>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Line</Table.Th>
            <Table.Th scope="col">Provider</Table.Th>
            <Table.Th scope="col">NPI</Table.Th>
            <Table.Th scope="col">What changes</Table.Th>
            {result.applied ? <Table.Th scope="col">Outcome</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.rows.map((row) => (
            <Table.Tr key={row.npi}>
              <Table.Td>{row.line}</Table.Td>
              <Table.Td>{row.name}</Table.Td>
              <Table.Td>{row.npi}</Table.Td>
              <Table.Td>
                {actionLabels[row.action]}
                {row.fields.length > 0
                  ? `: ${row.fields.map((f) => fieldLabels[f.field]).join(', ')}`
                  : ''}
              </Table.Td>
              {result.applied ? (
                <Table.Td>{row.outcome ? outcomeLabels[row.outcome] : ''}</Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
