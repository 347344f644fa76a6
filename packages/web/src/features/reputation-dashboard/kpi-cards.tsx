import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { ItemStats } from './api';
import { formatHours, formatPercent, formatRating } from './labels';

function Kpi(props: { label: string; value: string; hint: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" tt="uppercase" fw={600} c="dimmed">
        {props.label}
      </Text>
      <Text size="xl" fw={700} mt={4}>
        {props.value}
      </Text>
      <Text size="xs" c="dimmed" mt={2}>
        {props.hint}
      </Text>
    </Paper>
  );
}

/** The range at a glance: volume, rating, responses, sentiment and urgency. */
export function KpiCards(props: { totals: ItemStats }) {
  const t = props.totals;
  const negativeShare = t.items > 0 ? t.negative / t.items : null;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
      <Kpi label="Reviews and mentions" value={t.items.toLocaleString()} hint="received in range" />
      <Kpi
        label="Average rating"
        value={formatRating(t.averageRating)}
        hint={`from ${t.rated.toLocaleString()} rated`}
      />
      <Kpi
        label="Response rate"
        value={formatPercent(t.responseRate)}
        hint={`${t.responded.toLocaleString()} answered`}
      />
      <Kpi
        label="Median response time"
        value={formatHours(t.medianResponseHours)}
        hint="to the first reply"
      />
      <Kpi
        label="Negative"
        value={formatPercent(negativeShare)}
        hint={`${t.negative.toLocaleString()} items`}
      />
      <Kpi label="Escalated" value={t.urgent.toLocaleString()} hint="urgent language" />
    </SimpleGrid>
  );
}
