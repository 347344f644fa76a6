import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import type { Role } from '../../api/types';
import { FormError } from '../../components/form-error';
import { MailOutboxNote } from '../../components/mail-outbox-note';
import { useForm } from '../../lib/use-form';
import { email } from '../../lib/validation';
import { roleDescriptions, roleOptions } from './roles';

export function InviteForm(props: {
  onInvite: (input: { email: string; role: Role }) => Promise<unknown>;
}) {
  const form = useForm({ initial: { email: '', role: 'marketer' }, rules: { email } });
  const onSubmit = form.submit(async (values) => {
    await props.onInvite({ email: values.email.trim(), role: values.role as Role });
    notifications.show({ color: 'bedside', message: `Invitation sent to ${values.email.trim()}` });
    form.setValues({ email: '', role: values.role });
  });
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="invite-title"
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} size="h4" id="invite-title">
              Invite someone
            </Title>
            <Text size="sm" c="dimmed">
              They receive an email with a link to choose their name and password. Links expire
              after a few days.
            </Text>
          </div>
          <FormError message={form.formError} />
          <Group align="flex-start" gap="md" grow preventGrowOverflow={false} wrap="wrap">
            <TextInput
              label="Email"
              type="email"
              placeholder="colleague@practice.com"
              required
              style={{ flex: '2 1 16rem' }}
              {...form.field('email')}
            />
            <NativeSelect
              label="Role"
              data={roleOptions}
              description={roleDescriptions[form.values.role as Role]}
              style={{ flex: '1 1 12rem' }}
              {...form.field('role')}
            />
          </Group>
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={form.submitting}
              leftSection={<IconSend size={16} aria-hidden />}
            >
              Send invitation
            </Button>
          </Group>
          <MailOutboxNote />
        </Stack>
      </form>
    </Paper>
  );
}
