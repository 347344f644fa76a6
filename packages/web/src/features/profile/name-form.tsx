import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import type { User } from '../../api/types';
import { FormError } from '../../components/form-error';
import { useForm } from '../../lib/use-form';
import { required } from '../../lib/validation';

export function NameForm(props: { user: User }) {
  const client = useQueryClient();
  const form = useForm({
    initial: { name: props.user.name },
    rules: { name: required('your name') },
  });
  const onSubmit = form.submit(async (values) => {
    await endpoints.updateMe({ name: values.name.trim() });
    await client.invalidateQueries({ queryKey: queryKeys.session });
    notifications.show({ color: 'bedside', message: 'Your name was saved' });
  });
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="name-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h4" id="name-title">
            Your details
          </Title>
          <FormError message={form.formError} />
          <TextInput label="Your name" autoComplete="name" required {...form.field('name')} />
          <div>
            <Text size="sm" fw={500}>
              Email
            </Text>
            <Text size="sm" c="dimmed">
              {props.user.email}
            </Text>
          </div>
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
