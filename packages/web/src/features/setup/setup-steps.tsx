import { Radio, Stack, Text, TextInput } from '@mantine/core';
import { PasswordField } from '../../components/password-field';
import type { SetupField } from './setup-fields';

interface FieldProps {
  name: string;
  value: string;
  error: string | undefined;
  onChange: (event: { currentTarget: { value: string } }) => void;
  onBlur: () => void;
}

type FieldFn = (name: SetupField) => FieldProps;

export function OwnerStep(props: { field: FieldFn }) {
  const { field } = props;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        You will be the organization&apos;s owner. Bedside protects patient information, so we ask
        for a strong password.
      </Text>
      <TextInput label="Your name" autoComplete="name" required {...field('name')} />
      <TextInput label="Email" type="email" autoComplete="username" required {...field('email')} />
      <PasswordField
        label="Password"
        description="At least 12 characters. A short sentence works well."
        autoComplete="new-password"
        required
        {...field('password')}
      />
    </Stack>
  );
}

export function OrganizationStep(props: {
  field: FieldFn;
  kind: string;
  onKindChange: (kind: string) => void;
}) {
  return (
    <Stack gap="md">
      <TextInput
        label="Organization name"
        description="Your practice group or agency, e.g. “Riverside Family Dental”."
        autoComplete="organization"
        required
        {...props.field('orgName')}
      />
      <Radio.Group
        label="What kind of organization is it?"
        value={props.kind}
        onChange={props.onKindChange}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="practice" label="A practice or practice group" />
          <Radio value="agency" label="A marketing agency that manages practices" />
        </Stack>
      </Radio.Group>
    </Stack>
  );
}
