import { Alert, Button, Group, SegmentedControl, Select, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { endpoints } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { networkLabels } from '../compose/network-label';
import { useCurrentOrg } from '../shell/current-org';
import { useCalendar, useSchedulePost, type CalendarEntry } from './api';
import {
  addDays,
  addMonths,
  monthTitle,
  weekTitle,
  movedLocalTime,
  rangeOf,
  todayIn,
  visibleDays,
  type View,
} from './calendar-dates';
import { CalendarGrid } from './calendar-grid';
import { CheckDialog } from './check-dialog';
import { MoveDialog } from './move-dialog';
import { isMovable } from './target-status';

/** Scheduled and published posts by day, per location and network; drag or "Move" to reschedule. */
export function CalendarPage() {
  const { orgId } = useCurrentOrg();
  const [locationId, setLocationId] = useState<string | null>(null);
  const locations = useQuery({
    queryKey: queryKeys.locations(orgId),
    queryFn: ({ signal }) => endpoints.locations(orgId, signal),
  });
  const zone = locations.data?.locations.find((l) => l.id === locationId)?.timeZone;
  const today = todayIn(zone);
  const [anchor, setAnchor] = useState(today);
  const [view, setView] = useState<View>('month');
  const [network, setNetwork] = useState<string | null>(null);
  const [moving, setMoving] = useState<CalendarEntry | null>(null);
  const [checking, setChecking] = useState<CalendarEntry | null>(null);
  const days = visibleDays(anchor, view);
  const calendar = useCalendar(orgId, {
    ...rangeOf(days),
    ...(locationId && { locationId }),
    ...(network && { network }),
  });
  const schedule = useSchedulePost(orgId);
  const entries = calendar.data?.entries ?? [];
  const step = (n: number) =>
    setAnchor(view === 'month' ? addMonths(anchor, n) : addDays(anchor, 7 * n));
  const dropError =
    schedule.error instanceof ApiError
      ? (Object.values(schedule.error.fields)[0] ?? schedule.error.message)
      : null;
  const attention = entries.filter(
    (e) => e.status === 'failed' || e.status === 'unconfirmed' || e.status === 'paused',
  ).length;

  return (
    <>
      <PageHeader
        title="Calendar"
        description="Every post per network, in each location's own time zone. Drag a scheduled post to another day, or use Move."
      />
      <Group justify="space-between" mb="md" gap="sm">
        <Group gap="xs">
          <Button
            variant="default"
            onClick={() => step(-1)}
            aria-label={view === 'month' ? 'Previous month' : 'Previous week'}
          >
            ‹
          </Button>
          <Button variant="default" onClick={() => setAnchor(today)}>
            Today
          </Button>
          <Button
            variant="default"
            onClick={() => step(1)}
            aria-label={view === 'month' ? 'Next month' : 'Next week'}
          >
            ›
          </Button>
          <Text fw={700} size="lg" aria-live="polite" ml="xs">
            {view === 'month' ? monthTitle(anchor) : weekTitle(days[0] ?? anchor)}
          </Text>
        </Group>
        <Group gap="xs">
          <Select
            aria-label="Location"
            placeholder="All locations"
            clearable
            data={(locations.data?.locations ?? []).map((l) => ({ value: l.id, label: l.name }))}
            value={locationId}
            onChange={setLocationId}
            w={180}
          />
          <Select
            aria-label="Network"
            placeholder="All networks"
            clearable
            data={Object.entries(networkLabels).map(([value, label]) => ({ value, label }))}
            value={network}
            onChange={setNetwork}
            w={170}
          />
          <SegmentedControl
            aria-label="View"
            value={view}
            onChange={(v) => setView(v as View)}
            data={[
              { value: 'month', label: 'Month' },
              { value: 'week', label: 'Week' },
            ]}
          />
        </Group>
      </Group>
      {attention > 0 ? (
        <Alert
          color="orange"
          variant="light"
          mb="sm"
          title={`${attention} post${attention === 1 ? ' needs' : 's need'} attention`}
        >
          Each shows what went wrong and what to do.
        </Alert>
      ) : null}
      {dropError ? (
        <Alert color="red" variant="light" mb="sm" role="alert" title="The post was not moved">
          {dropError}
        </Alert>
      ) : null}
      <QueryState query={calendar} label="the calendar">
        {() => (
          <CalendarGrid
            days={days}
            view={view}
            month={Number(anchor.slice(5, 7))}
            today={today}
            entries={entries}
            onDrop={(targetId, day) => {
              const entry = entries.find((e) => e.targetId === targetId);
              if (entry && isMovable(entry))
                schedule.mutate({
                  postId: entry.postId,
                  localTime: movedLocalTime(entry, day),
                  timeZone: entry.timeZone,
                });
            }}
            onMove={setMoving}
            onCheck={setChecking}
          />
        )}
      </QueryState>
      <MoveDialog
        key={moving?.targetId ?? 'none'}
        orgId={orgId}
        entry={moving}
        onClose={() => setMoving(null)}
      />
      <CheckDialog
        key={checking?.targetId ?? 'none-check'}
        orgId={orgId}
        entry={checking}
        onClose={() => setChecking(null)}
      />
    </>
  );
}
