import { Button, Group, Stack } from '@mantine/core';
import type { Location, LocationInput } from '../../api/types';
import { FormError } from '../../components/form-error';
import { useForm } from '../../lib/use-form';
import { LocationFields, locationRules } from './location-fields';
import { browserTimeZone } from './time-zones';

function initialValues(location?: Location) {
  return {
    name: location?.name ?? '',
    address: location?.address ?? '',
    city: location?.city ?? '',
    state: location?.state ?? '',
    zip: location?.zip ?? '',
    phone: location?.phone ?? '',
    fax: location?.fax ?? '',
    timeZone: location?.timeZone ?? browserTimeZone(),
  };
}

/** Adds or edits a location; the caller decides what saving means. */
export function LocationForm(props: {
  location?: Location;
  onSave: (input: LocationInput) => Promise<void>;
  onCancel: () => void;
}) {
  const form = useForm({ initial: initialValues(props.location), rules: locationRules });
  const onSubmit = form.submit(async (values) => {
    await props.onSave({
      name: values.name.trim(),
      address: values.address.trim(),
      city: values.city.trim(),
      state: values.state.trim().toUpperCase(),
      zip: values.zip.trim(),
      phone: values.phone.trim(),
      ...(values.fax.trim() ? { fax: values.fax.trim() } : {}),
      timeZone: values.timeZone,
    });
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <FormError message={form.formError} />
        <LocationFields field={form.field} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            {props.location ? 'Save changes' : 'Save location'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
