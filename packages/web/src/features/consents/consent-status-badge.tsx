import { Badge } from '@mantine/core';
import type { ConsentStatus } from '../../api/consents';
import { statusColors, statusLabels } from './consent-labels';

export function ConsentStatusBadge(props: { status: ConsentStatus }) {
  return (
    <Badge color={statusColors[props.status]} variant="light">
      {statusLabels[props.status]}
    </Badge>
  );
}
