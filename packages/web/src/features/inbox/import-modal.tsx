import {
  Alert,
  Button,
  FileInput,
  Group,
  List,
  Modal,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { IMPORT_SITES, inboxApi, type ImportReport, type ImportSite } from './api';
import { sourceLabel } from './labels';

const FIELDS: { field: string; label: string; required?: boolean }[] = [
  { field: 'text', label: 'Review text', required: true },
  { field: 'externalId', label: 'Review id' },
  { field: 'rating', label: 'Rating (1–5)' },
  { field: 'authorName', label: 'Reviewer' },
  { field: 'publishedAt', label: 'Date' },
  { field: 'url', label: 'Link' },
  { field: 'location', label: 'Location' },
  { field: 'title', label: 'Title' },
];

/**
 * Import reviews from a site without an API: choose the file and the site, check how its columns
 * map to review fields, import. Bad rows are listed by line and skipped; the rest are kept.
 */
export function ImportModal(props: { orgId: string; opened: boolean; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [site, setSite] = useState<ImportSite>('healthgrades');
  const [content, setContent] = useState('');
  const [columns, setColumns] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [report, setReport] = useState<ImportReport>();
  const client = useQueryClient();
  const format: 'csv' | 'json' =
    file?.name.toLowerCase().endsWith('.json') || file?.name.toLowerCase().endsWith('.ndjson')
      ? 'json'
      : 'csv';
  const preview = useMutation({
    mutationFn: async (chosen: File) => {
      const text = await chosen.text();
      setContent(text);
      return inboxApi.preview(props.orgId, { format, sample: text.slice(0, 200_000) });
    },
    onSuccess: (data) => {
      setColumns(data.columns);
      setMapping(data.suggested);
    },
  });
  const run = useMutation({
    mutationFn: () =>
      inboxApi.import(props.orgId, {
        source: site,
        format,
        mapping,
        fileName: file?.name ?? null,
        content,
      }),
    onSuccess: async (data) => {
      setReport(data);
      await client.invalidateQueries({ queryKey: ['reputation', props.orgId] });
    },
  });
  const close = () => {
    setFile(null);
    setColumns([]);
    setReport(undefined);
    preview.reset();
    run.reset();
    props.onClose();
  };

  return (
    <Modal opened={props.opened} onClose={close} title="Import reviews" size="lg">
      <Stack>
        <Select
          label="Site"
          data={IMPORT_SITES.map((s) => ({ value: s, label: sourceLabel(s) }))}
          value={site}
          onChange={(v) => v && setSite(v as ImportSite)}
          allowDeselect={false}
        />
        <FileInput
          label="Export file (CSV, JSON or one JSON object per line)"
          accept=".csv,.json,.ndjson,text/csv,application/json"
          value={file}
          onChange={(f) => {
            setFile(f);
            setReport(undefined);
            if (f) preview.mutate(f);
          }}
        />
        {preview.error ? <Alert color="red">{preview.error.message}</Alert> : null}
        {columns.length > 0 && !report ? (
          <>
            <Text size="sm" fw={600}>
              Which column holds what?
            </Text>
            <Table>
              <Table.Tbody>
                {FIELDS.map((f) => (
                  <Table.Tr key={f.field}>
                    <Table.Td>
                      <Text size="sm">
                        {f.label}
                        {f.required ? ' *' : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`Column for ${f.label}`}
                        data={columns}
                        value={mapping[f.field] ?? null}
                        clearable={!f.required}
                        placeholder="Not in this file"
                        onChange={(v) => {
                          const next = { ...mapping };
                          if (v) next[f.field] = v;
                          else delete next[f.field];
                          setMapping(next);
                        }}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {run.error ? <Alert color="red">{run.error.message}</Alert> : null}
            <Group justify="flex-end">
              <Button onClick={() => run.mutate()} loading={run.isPending} disabled={!mapping.text}>
                Import
              </Button>
            </Group>
          </>
        ) : null}
        {report ? (
          <Alert
            color={report.skipped > 0 ? 'yellow' : 'teal'}
            title="Import finished"
            role="status"
          >
            <Text size="sm">
              {report.created} new, {report.updated} updated, {report.unchanged} unchanged,{' '}
              {report.skipped} skipped.
            </Text>
            {report.problems.length > 0 ? (
              <List size="sm" mt="xs">
                {report.problems.slice(0, 20).map((p) => (
                  <List.Item key={`${p.line}-${p.reason}`}>
                    Line {p.line}: {p.reason}
                  </List.Item>
                ))}
              </List>
            ) : null}
          </Alert>
        ) : null}
      </Stack>
    </Modal>
  );
}
