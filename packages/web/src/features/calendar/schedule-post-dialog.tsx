import {
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { useSchedulePost, useUnschedulePost, type Scheduled } from './api';

type Repeat = 'none' | 'daily' | 'weekly' | 'monthly';

/**
 * "Schedule" for an approved post (and "Move" / "Unschedule" for a scheduled one): a date and
 * time in the location's time zone, or the next free queue time; optionally repeating. The
 * post page renders it.
 */
export function ScheduleButton(props: {
  orgId: string;
  postId: string;
  status: string;
  timeZone?: string | null;
}) {
  const [open, setOpen] = useState(false);
  const unschedule = useUnschedulePost(props.orgId);
  if (props.status !== 'approved' && props.status !== 'scheduled') return null;
  return (
    <Group gap="xs">
      <Button onClick={() => setOpen(true)}>
        {props.status === 'scheduled' ? 'Move' : 'Schedule'}
      </Button>
      {props.status === 'scheduled' ? (
        <Button
          variant="default"
          loading={unschedule.isPending}
          onClick={() => unschedule.mutate(props.postId)}
        >
          Unschedule
        </Button>
      ) : null}
      {unschedule.error ? <FormError message={unschedule.error.message} /> : null}
      <ScheduleDialog {...props} opened={open} onClose={() => setOpen(false)} />
    </Group>
  );
}

function ScheduleDialog(props: {
  orgId: string;
  postId: string;
  timeZone?: string | null;
  opened: boolean;
  onClose: () => void;
}) {
  const [localTime, setLocalTime] = useState('');
  const [queue, setQueue] = useState(false);
  const [repeat, setRepeat] = useState<Repeat>('none');
  const [count, setCount] = useState<number>(4);
  const [done, setDone] = useState<Scheduled | null>(null);
  const schedule = useSchedulePost(props.orgId);
  const error = schedule.error instanceof ApiError ? schedule.error : null;
  const field = (name: string) => error?.fields[name];
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Schedule post" centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          schedule.mutate(
            {
              postId: props.postId,
              ...(queue ? { queue: true } : { localTime }),
              ...(!queue &&
                repeat !== 'none' && { recurrence: { frequency: repeat, interval: 1, count } }),
            },
            { onSuccess: setDone },
          );
        }}
      >
        <Stack gap="sm">
          {done ? (
            <Text role="status">
              Scheduled for {done.localTime.replace('T', ' ')} ({done.timeZone.replace('_', ' ')}).
              {done.adjustment === 'skipped'
                ? ' That time does not exist on the day clocks spring forward, so it moves forward by the time the clocks skip.'
                : ''}
              {done.adjustment === 'repeated'
                ? ' That time happens twice on the day clocks fall back; the first one is used.'
                : ''}
            </Text>
          ) : null}
          <Checkbox
            label="Use the next free queue time of each channel"
            checked={queue}
            onChange={(e) => setQueue(e.currentTarget.checked)}
          />
          {!queue ? (
            <>
              <TextInput
                type="datetime-local"
                label={`Date and time${props.timeZone ? ` (${props.timeZone.replace('_', ' ')})` : " (the location's time zone)"}`}
                value={localTime}
                onChange={(e) => setLocalTime(e.currentTarget.value.slice(0, 16))}
                error={field('localTime') ?? field('timeZone')}
                required
              />
              <Group grow>
                <Select
                  label="Repeat"
                  value={repeat}
                  allowDeselect={false}
                  onChange={(v) => setRepeat((v ?? 'none') as Repeat)}
                  data={[
                    { value: 'none', label: 'Does not repeat' },
                    { value: 'daily', label: 'Every day' },
                    { value: 'weekly', label: 'Every week' },
                    { value: 'monthly', label: 'Every month' },
                  ]}
                />
                {repeat !== 'none' ? (
                  <NumberInput
                    label="Times in all"
                    min={2}
                    max={52}
                    value={count}
                    onChange={(v) => setCount(Number(v))}
                    error={field('recurrence.count')}
                  />
                ) : null}
              </Group>
            </>
          ) : null}
          {error && Object.keys(error.fields).length === 0 ? (
            <FormError message={error.message} />
          ) : null}
          {error && field('queue') ? <FormError message={field('queue')} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {done ? 'Close' : 'Cancel'}
            </Button>
            <Button type="submit" loading={schedule.isPending}>
              Schedule
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
