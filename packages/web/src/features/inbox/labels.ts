import { TOPICS } from './api';

const SOURCE_LABELS: Record<string, string> = {
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  google: 'Google',
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  x: 'X',
  healthgrades: 'Healthgrades',
  vitals: 'Vitals',
  zocdoc: 'Zocdoc',
  yelp: 'Yelp',
  ratemds: 'RateMDs',
  webmd: 'WebMD',
  other: 'Other',
};

export const sourceLabel = (source: string) => SOURCE_LABELS[source] ?? source;
export const topicLabel = (topic: string) => TOPICS[topic] ?? topic;
export const sentimentColor = (label: string | null) =>
  label === 'negative' ? 'red' : label === 'positive' ? 'teal' : 'gray';
export const statusColor: Record<string, string> = {
  new: 'blue',
  assigned: 'violet',
  replied: 'teal',
  closed: 'gray',
};

/** "in 5 h", "3 h overdue": the SLA in words. */
export function slaText(due: string | null, overdue: boolean, now = Date.now()): string | null {
  if (!due) return null;
  const hours = Math.round(Math.abs(Date.parse(due) - now) / 3_600_000);
  if (overdue) return hours < 1 ? 'Overdue' : `${hours} h overdue`;
  return hours < 1 ? 'Due within the hour' : `Due in ${hours} h`;
}

export function stars(rating: number | null): string {
  return rating === null ? '' : `${'★'.repeat(rating)}${'☆'.repeat(5 - rating)}`;
}
