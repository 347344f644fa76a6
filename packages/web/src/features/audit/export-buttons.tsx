import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { download } from '../../api/client';
import { endpoints, type AuditFilters } from '../../api/endpoints';

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Exports the filtered audit trail; the server records the export itself as an audit event. */
export function ExportButtons(props: { orgId: string; filters: AuditFilters }) {
  const [busy, setBusy] = useState<'csv' | 'jsonl'>();
  const run = async (format: 'csv' | 'jsonl') => {
    setBusy(format);
    try {
      const file = await download(endpoints.auditExportUrl(props.orgId, format, props.filters));
      const today = new Date().toISOString().slice(0, 10);
      save(file.blob, file.filename ?? `bedside-audit-${today}.${format}`);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Export failed', message: errorMessage(error) });
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Group gap="xs">
      <Button
        variant="default"
        leftSection={<IconDownload size={16} aria-hidden />}
        loading={busy === 'csv'}
        onClick={() => void run('csv')}
      >
        Export CSV
      </Button>
      <Button
        variant="default"
        leftSection={<IconDownload size={16} aria-hidden />}
        loading={busy === 'jsonl'}
        onClick={() => void run('jsonl')}
      >
        Export JSONL
      </Button>
    </Group>
  );
}
