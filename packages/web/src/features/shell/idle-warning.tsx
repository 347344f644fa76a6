import { Button, Group, Modal, Text } from '@mantine/core';
import { secondsLeft, type IdleState } from './idle-timer';

/** The one-minute warning before idle logoff, with a clear way to stay. */
export function IdleWarning(props: {
  state: IdleState;
  onStay: () => void;
  onSignOut: () => void;
}) {
  const seconds = secondsLeft(props.state.remainingMs);
  return (
    <Modal
      opened={props.state.phase === 'warning'}
      onClose={props.onStay}
      title="Are you still there?"
      centered
      closeOnClickOutside={false}
    >
      <Text size="sm" mb="xs">
        To protect patient information, Bedside signs you out after a period without activity.
      </Text>
      <Text size="sm" fw={600} role="timer" aria-live="off">
        You will be signed out in {seconds} {seconds === 1 ? 'second' : 'seconds'}.
      </Text>
      {/* Announce only at a few moments, not every second. */}
      <Text size="sm" className="visually-hidden" aria-live="assertive">
        {seconds > 30
          ? 'You will be signed out in about a minute.'
          : seconds > 10
            ? 'About 30 seconds left before you are signed out.'
            : 'About 10 seconds left before you are signed out.'}
      </Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={props.onSignOut}>
          Sign out now
        </Button>
        <Button onClick={props.onStay} data-autofocus>
          Stay signed in
        </Button>
      </Group>
    </Modal>
  );
}
