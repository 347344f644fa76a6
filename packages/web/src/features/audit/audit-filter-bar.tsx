import { Button, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { dateRangeError, emptyAuditFilters, type AuditFilterValues } from './audit-filters';
import { actionLabel } from './action-label';

const outcomes = [
  { value: '', label: 'All outcomes' },
  { value: 'success', label: 'Success' },
  { value: 'failure', label: 'Failure' },
  { value: 'denied', label: 'Denied' },
];

export function AuditFilterBar(props: {
  values: AuditFilterValues;
  actions: string[];
  actors: { id: string; name: string }[];
  onChange: (values: AuditFilterValues) => void;
}) {
  const { values } = props;
  const set = (key: keyof AuditFilterValues) => (event: { currentTarget: { value: string } }) =>
    props.onChange({ ...values, [key]: event.currentTarget.value });
  const rangeError = dateRangeError(values);
  const active = Object.values(values).some(Boolean);
  return (
    <SimpleGrid
      cols={{ base: 1, xs: 2, md: 6 }}
      spacing="sm"
      role="search"
      aria-label="Filter audit events"
    >
      <NativeSelect
        label="Action"
        value={values.action}
        onChange={set('action')}
        data={[
          { value: '', label: 'All actions' },
          ...props.actions.map((a) => ({ value: a, label: actionLabel(a) })),
        ]}
      />
      <NativeSelect
        label="Actor"
        value={values.actorId}
        onChange={set('actorId')}
        data={[
          { value: '', label: 'Everyone' },
          ...props.actors.map((a) => ({ value: a.id, label: a.name })),
        ]}
      />
      <NativeSelect
        label="Outcome"
        value={values.outcome}
        onChange={set('outcome')}
        data={outcomes}
      />
      <TextInput
        label="From date"
        type="date"
        value={values.fromDate}
        onChange={set('fromDate')}
        max={values.toDate || undefined}
      />
      <TextInput
        label="To date"
        type="date"
        value={values.toDate}
        onChange={set('toDate')}
        min={values.fromDate || undefined}
        error={rangeError}
      />
      <Button
        variant="subtle"
        color="gray"
        mt={{ base: 0, md: 24 }}
        disabled={!active}
        onClick={() => props.onChange(emptyAuditFilters)}
      >
        Clear filters
      </Button>
    </SimpleGrid>
  );
}
