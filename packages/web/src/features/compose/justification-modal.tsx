import { Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';

export const MIN_JUSTIFICATION = 20;

/**
 * The guard warned: the author may still submit, but only with a written reason, which the
 * reviewers see and the audit trail keeps.
 */
export function JustificationModal(props: {
  opened: boolean;
  warnings: string[];
  busy: boolean;
  error: string | undefined;
  onClose: () => void;
  onSubmit: (justification: string) => void;
}) {
  const [text, setText] = useState('');
  const short = text.trim().length < MIN_JUSTIFICATION;
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title="Submit despite the guard's warnings?"
      size="lg"
    >
      <Stack gap="md">
        <Text size="sm">The guard warned about:</Text>
        <List size="sm" spacing={4}>
          {props.warnings.map((w) => (
            <List.Item key={w}>{w}</List.Item>
          ))}
        </List>
        <Textarea
          label="Why is this fine to publish?"
          description={`At least ${MIN_JUSTIFICATION} characters. Your reviewers see it and the audit trail keeps it.`}
          required
          autosize
          minRows={3}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={props.error}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Go back and edit
          </Button>
          <Button disabled={short} loading={props.busy} onClick={() => props.onSubmit(text.trim())}>
            Submit with justification
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
