import { SimpleGrid, Stack, TextInput } from '@mantine/core';
import { phone, required, usState, zip, type Validator } from '../../lib/validation';
import { TimeZoneSelect } from './time-zone-select';

export type LocationFieldName =
  'name' | 'address' | 'city' | 'state' | 'zip' | 'phone' | 'fax' | 'timeZone';

export const locationRules: Record<LocationFieldName, Validator> = {
  name: required('a name for this location'),
  address: required('the street address'),
  city: required('the city'),
  state: usState,
  zip,
  phone: phone('the phone number'),
  fax: phone('the fax number', true),
  timeZone: required('a time zone'),
};

interface FieldProps {
  name: string;
  value: string;
  error: string | undefined;
  onChange: (event: { currentTarget: { value: string } }) => void;
  onBlur: () => void;
}

/** The fields of a practice location, shared by the setup wizard and the Locations page. */
export function LocationFields(props: { field: (name: LocationFieldName) => FieldProps }) {
  const { field } = props;
  return (
    <Stack gap="md">
      <TextInput
        label="Location name"
        description="How patients know this office, e.g. “Riverside Family Dental – Midtown”."
        required
        {...field('name')}
      />
      <TextInput
        label="Street address"
        autoComplete="street-address"
        required
        {...field('address')}
      />
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        <TextInput label="City" autoComplete="address-level2" required {...field('city')} />
        <TextInput
          label="State"
          autoComplete="address-level1"
          maxLength={2}
          required
          {...field('state')}
        />
        <TextInput
          label="ZIP"
          autoComplete="postal-code"
          inputMode="numeric"
          maxLength={10}
          required
          {...field('zip')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <TextInput label="Phone" type="tel" autoComplete="tel" required {...field('phone')} />
        <TextInput label="Fax" type="tel" description="Optional" {...field('fax')} />
      </SimpleGrid>
      <TimeZoneSelect {...field('timeZone')} />
    </Stack>
  );
}
