import { Button, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import type { Bucket, DashboardFilters } from './api';
import { sourceOptions } from './labels';

export interface FilterValues {
  from: string;
  to: string;
  bucket: Bucket;
  locationId: string;
  providerId: string;
  source: string;
}

const DAY_MS = 86_400_000;

/** The last 90 days up to today (UTC), by week: the server's default too. */
export function defaultFilterValues(now = new Date()): FilterValues {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 89 * DAY_MS).toISOString().slice(0, 10);
  return { from, to, bucket: 'week', locationId: '', providerId: '', source: '' };
}

export function rangeError(values: FilterValues): string | null {
  if (values.from && values.to && values.from > values.to) {
    return 'The start date must not be after the end date.';
  }
  return null;
}

export function toApiFilters(values: FilterValues): DashboardFilters {
  return {
    bucket: values.bucket,
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
    ...(values.locationId ? { locationId: values.locationId } : {}),
    ...(values.providerId ? { providerId: values.providerId } : {}),
    ...(values.source ? { source: values.source } : {}),
  };
}

export function FilterBar(props: {
  values: FilterValues;
  locations: { id: string; name: string }[];
  providers: { id: string; name: string }[];
  onChange: (values: FilterValues) => void;
}) {
  const { values } = props;
  const set = (key: keyof FilterValues) => (event: { currentTarget: { value: string } }) =>
    props.onChange({ ...values, [key]: event.currentTarget.value });
  const error = rangeError(values);
  return (
    <SimpleGrid
      cols={{ base: 1, xs: 2, sm: 3, lg: 4, xl: 7 }}
      spacing="sm"
      role="search"
      aria-label="Filter the dashboard"
    >
      <TextInput
        label="From"
        type="date"
        value={values.from}
        onChange={set('from')}
        max={values.to || undefined}
      />
      <TextInput
        label="To"
        type="date"
        value={values.to}
        onChange={set('to')}
        min={values.from || undefined}
        error={error}
      />
      <NativeSelect
        label="Group by"
        value={values.bucket}
        onChange={set('bucket')}
        data={[
          { value: 'day', label: 'Day' },
          { value: 'week', label: 'Week' },
          { value: 'month', label: 'Month' },
        ]}
      />
      <NativeSelect
        label="Location"
        value={values.locationId}
        onChange={set('locationId')}
        data={[
          { value: '', label: 'All locations' },
          ...props.locations.map((l) => ({ value: l.id, label: l.name })),
        ]}
      />
      <NativeSelect
        label="Provider"
        value={values.providerId}
        onChange={set('providerId')}
        data={[
          { value: '', label: 'All providers' },
          ...props.providers.map((p) => ({ value: p.id, label: p.name })),
        ]}
      />
      <NativeSelect
        label="Source"
        value={values.source}
        onChange={set('source')}
        data={sourceOptions}
      />
      <Button
        variant="default"
        onClick={() => props.onChange(defaultFilterValues())}
        style={{ alignSelf: 'end' }}
      >
        Reset
      </Button>
    </SimpleGrid>
  );
}
