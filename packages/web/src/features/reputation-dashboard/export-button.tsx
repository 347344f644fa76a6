import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { download } from '../../api/client';
import { dashboardEndpoints, type DashboardFilters } from './api';

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

/** Downloads what the dashboard shows as CSV (aggregates only; the server audits the export). */
export function ExportCsvButton(props: {
  orgId: string;
  filters: DashboardFilters;
  disabled: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const file = await download(dashboardEndpoints.exportUrl(props.orgId, props.filters));
      save(file.blob, file.filename ?? 'bedside-reputation.csv');
    } catch (error) {
      notifications.show({ color: 'red', title: 'Export failed', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="default"
      leftSection={<IconDownload size={16} aria-hidden />}
      loading={busy}
      disabled={props.disabled}
      onClick={() => void run()}
    >
      Export CSV
    </Button>
  );
}
