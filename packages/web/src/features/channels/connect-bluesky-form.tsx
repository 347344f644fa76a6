import { Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import type { Location } from '../../api/types';
import { FormError } from '../../components/form-error';
import { useForm } from '../../lib/use-form';
import { required } from '../../lib/validation';
import { LocationSelect } from './location-select';

export interface BlueskyConnectValues {
  locationId: string;
  identifier: string;
  appPassword: string;
  service: string;
}

/** Handle or email, an app password (never the account password), and the server. */
export function ConnectBlueskyForm(props: {
  locations: Location[];
  onCancel: () => void;
  onConnect: (values: BlueskyConnectValues) => Promise<void>;
}) {
  const form = useForm<BlueskyConnectValues & Record<string, string>>({
    initial: {
      locationId: props.locations.length === 1 ? (props.locations[0]?.id ?? '') : '',
      identifier: '',
      appPassword: '',
      service: 'https://bsky.social',
    },
    rules: {
      locationId: required('a location'),
      identifier: required('the handle or email'),
      appPassword: required('an app password'),
      service: required('the server address'),
    },
  });
  return (
    <form noValidate onSubmit={form.submit(props.onConnect)}>
      <Stack gap="md">
        <FormError message={form.formError} />
        <LocationSelect
          locations={props.locations}
          value={form.values.locationId}
          error={form.errors.locationId}
          onChange={(value) => form.setField('locationId', value)}
        />
        <TextInput
          label="Handle or email"
          placeholder="yourclinic.bsky.social"
          required
          autoComplete="username"
          {...form.field('identifier')}
        />
        <PasswordInput
          label="App password"
          description={
            <>
              Create one in Bluesky under Settings → Privacy and security → App passwords. Never use
              your account password.{' '}
              <Anchor
                href="https://bsky.app/settings/app-passwords"
                target="_blank"
                rel="noreferrer"
                size="xs"
              >
                Open Bluesky settings
              </Anchor>
            </>
          }
          required
          autoComplete="off"
          {...form.field('appPassword')}
        />
        <TextInput label="Server" required {...form.field('service')} />
        <Text size="xs" c="dimmed">
          The app password is used once to open a session; Bedside keeps only the encrypted session.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Connect Bluesky
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
