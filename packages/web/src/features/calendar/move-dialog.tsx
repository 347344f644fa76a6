import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import type { CalendarEntry } from './api';
import { useSchedulePost } from './api';
import { zonedParts } from './calendar-dates';

/** The keyboard way to reschedule: a date and a time in the location's zone. */
export function MoveDialog(props: {
  orgId: string;
  entry: CalendarEntry | null;
  onClose: () => void;
}) {
  const { entry } = props;
  const current = entry ? zonedParts(entry.dueAt, entry.timeZone) : { day: '', time: '' };
  const [day, setDay] = useState(current.day);
  const [time, setTime] = useState(current.time);
  const schedule = useSchedulePost(props.orgId);
  const error = schedule.error instanceof ApiError ? schedule.error : null;
  return (
    <Modal opened={entry !== null} onClose={props.onClose} title="Move post" centered>
      {entry ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            schedule.mutate(
              { postId: entry.postId, localTime: `${day}T${time}`, timeZone: entry.timeZone },
              { onSuccess: props.onClose },
            );
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              Every network of this post moves together. Times are in{' '}
              {entry.timeZone.replace('_', ' ')}.
            </Text>
            <Group grow>
              <TextInput
                type="date"
                label="Date"
                value={day}
                onChange={(e) => setDay(e.currentTarget.value)}
                required
              />
              <TextInput
                type="time"
                label="Time"
                value={time}
                onChange={(e) => setTime(e.currentTarget.value)}
                required
              />
            </Group>
            {error ? <FormError message={Object.values(error.fields)[0] ?? error.message} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={props.onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={schedule.isPending}>
                Move
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
