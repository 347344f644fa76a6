import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { Location } from '../../api/types';
import { FormError } from '../../components/form-error';
import { useForm } from '../../lib/use-form';
import { required } from '../../lib/validation';
import { LocationSelect } from './location-select';

export interface BlueskyOAuthValues {
  locationId: string;
  handle: string;
}

/**
 * The handle only: Bedside finds the account's server, which asks for the password itself on its
 * own sign-in page; Bedside never sees it.
 */
export function ConnectBlueskyOAuthForm(props: {
  locations: Location[];
  onCancel: () => void;
  onUseAppPassword: () => void;
  onStart: (values: BlueskyOAuthValues) => Promise<void>;
}) {
  const form = useForm<BlueskyOAuthValues & Record<string, string>>({
    initial: {
      locationId: props.locations.length === 1 ? (props.locations[0]?.id ?? '') : '',
      handle: '',
    },
    rules: {
      locationId: required('a location'),
      handle: required('the account’s handle'),
    },
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
          label="Bluesky handle"
          placeholder="yourclinic.bsky.social"
          required
          autoComplete="username"
          {...form.field('handle')}
        />
        <Text size="xs" c="dimmed">
          You will sign in on your Bluesky server and allow Bedside there, then come back here.
          Bedside keeps only the encrypted session.
        </Text>
        <Group justify="space-between">
          <Button variant="subtle" onClick={props.onUseAppPassword}>
            Use an app-specific password instead
          </Button>
          <Group>
            <Button variant="default" onClick={props.onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Sign in with Bluesky
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
