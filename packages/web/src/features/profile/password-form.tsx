import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { endpoints } from '../../api/endpoints';
import { FormError } from '../../components/form-error';
import { PasswordField } from '../../components/password-field';
import { useForm } from '../../lib/use-form';
import { password, required } from '../../lib/validation';

export function PasswordForm() {
  const form = useForm({
    initial: { currentPassword: '', newPassword: '', repeat: '' },
    rules: { currentPassword: required('your current password'), newPassword: password },
  });
  const onSubmit = form.submit(async (values) => {
    if (values.repeat !== values.newPassword) {
      form.setErrors({ repeat: 'The two new passwords do not match.' });
      return;
    }
    await endpoints.changePassword({
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    form.setValues({ currentPassword: '', newPassword: '', repeat: '' });
    notifications.show({ color: 'bedside', message: 'Your password was changed' });
  });
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="password-title"
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h4" id="password-title">
            Change password
          </Title>
          <FormError message={form.formError} />
          <PasswordField
            label="Current password"
            autoComplete="current-password"
            required
            {...form.field('currentPassword')}
          />
          <PasswordField
            label="New password"
            description="At least 12 characters."
            autoComplete="new-password"
            required
            {...form.field('newPassword')}
          />
          <PasswordField
            label="Repeat new password"
            autoComplete="new-password"
            required
            {...form.field('repeat')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
