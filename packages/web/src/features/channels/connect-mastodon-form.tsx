import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { Location } from '../../api/types';
import { FormError } from '../../components/form-error';
import { useForm } from '../../lib/use-form';
import { required } from '../../lib/validation';
import { LocationSelect } from './location-select';

export interface MastodonStartValues {
  locationId: string;
  instanceUrl: string;
}

/** The instance's address; submitting sends the browser to the instance to approve Bedside. */
export function ConnectMastodonForm(props: {
  locations: Location[];
  onCancel: () => void;
  onStart: (values: MastodonStartValues) => Promise<void>;
}) {
  const form = useForm<MastodonStartValues & Record<string, string>>({
    initial: {
      locationId: props.locations.length === 1 ? (props.locations[0]?.id ?? '') : '',
      instanceUrl: '',
    },
    rules: { locationId: required('a location'), instanceUrl: required('the instance address') },
  });
  return (
    <form noValidate onSubmit={form.submit(props.onStart)}>
      <Stack gap="md">
        <FormError message={form.formError} />
        <LocationSelect
          locations={props.locations}
          value={form.values.locationId}
          error={form.errors.locationId}
          onChange={(value) => form.setField('locationId', value)}
        />
        <TextInput
          label="Instance URL"
          placeholder="https://mastodon.social"
          required
          inputMode="url"
          {...form.field('instanceUrl')}
        />
        <Text size="xs" c="dimmed">
          You will sign in on your instance and approve Bedside there, then come back here.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Continue to the instance
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
