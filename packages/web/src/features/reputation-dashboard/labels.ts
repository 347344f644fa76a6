import type { Bucket } from './api';

/** Display names of the analysis topics (ids from @bedside/analysis; unknown ids shown as they are). */
export const topicLabels: Record<string, string> = {
  wait_time: 'Wait time',
  scheduling_access: 'Scheduling and access',
  billing_insurance: 'Billing and insurance',
  staff_manner: 'Staff manner',
  communication: 'Communication',
  clinical_outcome: 'Clinical outcome',
  cleanliness: 'Cleanliness',
  facilities_parking: 'Facilities and parking',
  telehealth: 'Telehealth',
};

export const topicLabel = (id: string): string => topicLabels[id] ?? id.replace(/_/g, ' ');

export const sourceOptions = [
  { value: '', label: 'All sources' },
  { value: 'google', label: 'Google' },
  { value: 'facebook', label: 'Facebook' },
  { value: 'instagram', label: 'Instagram' },
  { value: 'linkedin', label: 'LinkedIn' },
  { value: 'x', label: 'X' },
  { value: 'bluesky', label: 'Bluesky' },
  { value: 'mastodon', label: 'Mastodon' },
  { value: 'healthgrades', label: 'Healthgrades' },
  { value: 'vitals', label: 'Vitals' },
  { value: 'zocdoc', label: 'Zocdoc' },
  { value: 'yelp', label: 'Yelp' },
  { value: 'ratemds', label: 'RateMDs' },
  { value: 'webmd', label: 'WebMD' },
  { value: 'other', label: 'Other' },
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 23" for a day or a week (its Monday), "Nov 2026" for a month. Periods are UTC dates. */
export function periodLabel(period: string, bucket: Bucket): string {
  const [year, month, day] = period.split('-');
  const name = MONTHS[Number(month) - 1] ?? month;
  if (bucket === 'month') return `${name} ${year}`;
  return `${name} ${Number(day)}`;
}

/** "45 min", "5.5 h", "2.3 days"; an em dash when there is nothing to measure. */
export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Number(hours.toFixed(1))} h`;
  return `${Number((hours / 24).toFixed(1))} days`;
}

export function formatPercent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

export function formatRating(rating: number | null): string {
  return rating === null ? '—' : rating.toFixed(2);
}

function nextPeriodStart(period: string, bucket: Bucket): string {
  const d = new Date(`${period}T00:00:00.000Z`);
  if (bucket === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (bucket === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Axis labels for the periods; a period that starts before `from` or ends after `to` (so holds
 * only part of its days) is marked with an asterisk, which the chart's note explains.
 */
export function periodLabels(
  filter: { from: string; to: string; bucket: Bucket },
  periods: string[],
): { labels: string[]; partial: boolean } {
  let partial = false;
  const labels = periods.map((period) => {
    const cut = period < filter.from || nextPeriodStart(period, filter.bucket) > addDay(filter.to);
    partial ||= cut;
    return `${periodLabel(period, filter.bucket)}${cut ? '*' : ''}`;
  });
  return { labels, partial };
}

function addDay(day: string): string {
  return nextPeriodStart(day, 'day');
}

export const PARTIAL_NOTE = '* Only part of this period is inside the chosen dates.';
