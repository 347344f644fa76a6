import type { AuditFilters } from '../../api/endpoints';

/** What the filter controls hold: dates as the `YYYY-MM-DD` of a date input. */
export interface AuditFilterValues {
  action: string;
  actorId: string;
  outcome: string;
  fromDate: string;
  toDate: string;
}

export const emptyAuditFilters: AuditFilterValues = {
  action: '',
  actorId: '',
  outcome: '',
  fromDate: '',
  toDate: '',
};

function localDay(value: string, offsetDays = 0): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + offsetDays);
}

/**
 * Turns the controls into API filters. Dates are whole days in the viewer's own zone: `from`
 * is the start of the first day, `to` the last millisecond of the last day.
 */
export function toApiFilters(values: AuditFilterValues): AuditFilters {
  const from = localDay(values.fromDate);
  const dayAfter = localDay(values.toDate, 1);
  return {
    ...(values.action ? { action: values.action } : {}),
    ...(values.actorId ? { actorId: values.actorId } : {}),
    ...(values.outcome ? { outcome: values.outcome } : {}),
    ...(from ? { from: from.toISOString() } : {}),
    ...(dayAfter ? { to: new Date(dayAfter.getTime() - 1).toISOString() } : {}),
  };
}

/** A problem with the date range a person should fix, or undefined. */
export function dateRangeError(values: AuditFilterValues): string | undefined {
  if (values.fromDate && values.toDate && values.fromDate > values.toDate)
    return 'The start date is after the end date.';
  return undefined;
}
