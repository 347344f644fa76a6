import { Button, Group, Stack, Text } from '@mantine/core';
import type { Location } from '../../api/types';
import { FormError } from '../../components/form-error';
import { useForm } from '../../lib/use-form';
import { required } from '../../lib/validation';
import { networkLabels } from '../compose/network-label';
import { LocationSelect } from './location-select';
import type { OAuthNetwork } from './network-oauth-api';

/** What each network's sign-in lets the person choose afterwards. */
const afterSignIn: Record<OAuthNetwork, string> = {
  facebook: 'You will sign in with Facebook and choose the Page to connect.',
  instagram:
    'You will sign in with Facebook and choose the Instagram professional account linked to your Page.',
  linkedin: 'You will sign in with LinkedIn and choose the company page you administer.',
  x: 'You will sign in with X and approve Bedside for that account.',
  gbp: 'You will sign in with Google and choose the business location.',
};

/** The location to connect to; submitting sends the browser to the network to approve Bedside. */
export function ConnectNetworkForm(props: {
  network: OAuthNetwork;
  locations: Location[];
  onCancel: () => void;
  onStart: (values: { locationId: string }) => Promise<void>;
}) {
  const form = useForm<{ locationId: string } & Record<string, string>>({
    initial: { locationId: props.locations.length === 1 ? (props.locations[0]?.id ?? '') : '' },
    rules: { locationId: required('a location') },
  });
  const label = networkLabels[props.network];
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
        <Text size="sm" c="dimmed">
          {afterSignIn[props.network]} Bedside keeps the access encrypted and never shows it.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Continue to {label}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
