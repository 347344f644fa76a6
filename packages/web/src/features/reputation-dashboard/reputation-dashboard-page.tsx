import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconChartLine } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { EmptyBlock } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { useLocations } from '../locations/use-locations';
import { useCurrentOrg } from '../shell/current-org';
import { useReputationDashboard } from './api';
import {
  GroupTrendChart,
  ResponseChart,
  SentimentChart,
  TopicChart,
  VolumeRatingChart,
} from './charts';
import { ExportCsvButton } from './export-button';
import { KpiCards } from './kpi-cards';
import {
  defaultFilterValues,
  FilterBar,
  rangeError,
  toApiFilters,
  type FilterValues,
} from './filter-bar';

/** Analytics → Reputation: how the practice is reviewed, and how fast it answers, over time. */
export function ReputationDashboardPage() {
  const org = useCurrentOrg();
  const [values, setValues] = useState<FilterValues>(() => defaultFilterValues());
  const [lastValid, setLastValid] = useState(values);
  const valid = !rangeError(values);
  const applied = valid ? values : lastValid;
  const filters = useMemo(() => toApiFilters(applied), [applied]);
  const dashboard = useReputationDashboard(org.orgId, filters);
  const locations = useLocations(org.orgId);
  // Providers come from the data; keep every one seen so filtering by one keeps the others listed.
  const [seenProviders, setSeenProviders] = useState(new Map<string, string>());
  const providers = dashboard.data?.providers ?? [];
  if (providers.some((p) => p.id !== null && !seenProviders.has(p.id))) {
    const next = new Map(seenProviders);
    for (const p of providers) if (p.id !== null) next.set(p.id, p.name);
    setSeenProviders(next);
  }

  const change = (next: FilterValues) => {
    setValues(next);
    if (!rangeError(next)) setLastValid(next);
  };

  return (
    <>
      <PageHeader
        title="Reputation analytics"
        description="Reviews, comments and mentions over time: volume, rating, sentiment, topics and how quickly your team answers. Counts only — no review text leaves the inbox. Dates are UTC."
        actions={<ExportCsvButton orgId={org.orgId} filters={filters} disabled={!dashboard.data} />}
      />
      <Stack gap="md">
        <Paper withBorder p="md">
          <FilterBar
            values={values}
            locations={(locations.data ?? []).map((l) => ({ id: l.id, name: l.name }))}
            providers={[...seenProviders].map(([id, name]) => ({ id, name }))}
            onChange={change}
          />
        </Paper>
        <QueryState query={dashboard} label="the dashboard">
          {(data) =>
            data.totals.items === 0 ? (
              <EmptyBlock icon={<IconChartLine size={26} />} title="Nothing received in this range">
                <Text size="sm" c="dimmed">
                  Reviews, comments and mentions appear here as your sources bring them into the
                  inbox. Try a longer range or fewer filters.
                </Text>
              </EmptyBlock>
            ) : (
              <Stack gap="md" aria-busy={dashboard.isFetching}>
                <section aria-label="Summary">
                  <KpiCards totals={data.totals} />
                </section>
                <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                  <VolumeRatingChart data={data} />
                  <SentimentChart data={data} />
                  <ResponseChart data={data} />
                  <TopicChart data={data} />
                  <GroupTrendChart
                    title="Average rating by location"
                    groups={data.locations}
                    data={data}
                  />
                  <GroupTrendChart
                    title="Average rating by provider"
                    groups={data.providers}
                    data={data}
                  />
                </SimpleGrid>
              </Stack>
            )
          }
        </QueryState>
      </Stack>
    </>
  );
}
