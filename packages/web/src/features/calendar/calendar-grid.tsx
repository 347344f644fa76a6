import { Box, SimpleGrid, Stack, Text } from '@mantine/core';
import type { CalendarEntry } from './api';
import { dayLabel, zonedParts, type View } from './calendar-dates';
import { EntryTile } from './entry-tile';

/**
 * The days of a month (6 × 7) or a week (7 columns), each a list of its posts and a drop target:
 * a post dropped on a day keeps its time of day.
 */
export function CalendarGrid(props: {
  days: string[];
  view: View;
  month: number;
  today: string;
  entries: CalendarEntry[];
  onDrop: (targetId: string, day: string) => void;
  onMove: (entry: CalendarEntry) => void;
  onCheck: (entry: CalendarEntry) => void;
}) {
  const byDay = new Map<string, CalendarEntry[]>();
  for (const entry of props.entries) {
    const { day } = zonedParts(entry.dueAt, entry.timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), entry]);
  }
  const weekdays = props.days.slice(0, 7).map((d) => dayLabel(d).split(',')[0]);
  return (
    <Box role="grid" aria-label={props.view === 'month' ? 'Month' : 'Week'}>
      <SimpleGrid cols={7} spacing={4} role="row" mb={4} visibleFrom="sm">
        {weekdays.map((w) => (
          <Text key={w} size="xs" fw={700} c="dimmed" role="columnheader" ta="center">
            {w}
          </Text>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 7 }} spacing={4}>
        {props.days.map((day) => {
          const entries = byDay.get(day) ?? [];
          const outside = props.view === 'month' && Number(day.slice(5, 7)) !== props.month;
          return (
            <Box
              key={day}
              role="gridcell"
              aria-label={`${dayLabel(day, 'long')}: ${entries.length} post${entries.length === 1 ? '' : 's'}`}
              data-day={day}
              p={4}
              mih={props.view === 'month' ? 110 : 320}
              style={{
                border: '1px solid var(--mantine-color-gray-3)',
                borderRadius: 6,
                background: outside ? 'var(--mantine-color-gray-0)' : undefined,
                outline:
                  day === props.today
                    ? '2px solid var(--mantine-color-bedside-5, #1c7ed6)'
                    : undefined,
              }}
              onDragOver={(event) => {
                if (event.dataTransfer.types.includes('text/x-bedside-target'))
                  event.preventDefault();
              }}
              onDrop={(event) => {
                event.preventDefault();
                const targetId = event.dataTransfer.getData('text/x-bedside-target');
                if (targetId) props.onDrop(targetId, day);
              }}
            >
              <Stack gap={4}>
                <Text
                  size="xs"
                  fw={day === props.today ? 700 : 500}
                  c={outside ? 'dimmed' : undefined}
                >
                  {props.view === 'week' ? dayLabel(day) : Number(day.slice(8))}
                </Text>
                {entries.map((entry) => (
                  <EntryTile
                    key={entry.targetId}
                    entry={entry}
                    compact={props.view === 'month'}
                    onMove={props.onMove}
                    onCheck={props.onCheck}
                  />
                ))}
              </Stack>
            </Box>
          );
        })}
      </SimpleGrid>
    </Box>
  );
}
