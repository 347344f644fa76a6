import { Select } from '@mantine/core';
import type { Location } from '../../api/types';

/** Which location the account posts for; archived locations are not offered. */
export function LocationSelect(props: {
  locations: Location[];
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <Select
      label="Location"
      name="locationId"
      required
      allowDeselect={false}
      data={props.locations.filter((l) => !l.archived).map((l) => ({ value: l.id, label: l.name }))}
      value={props.value || null}
      error={props.error}
      onChange={(value) => props.onChange(value ?? '')}
    />
  );
}
