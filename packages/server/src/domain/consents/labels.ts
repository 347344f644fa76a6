import type { ContentType, RecipientChannel } from './authorization.js';

/** How each channel is named to a patient or a compliance officer. */
export const channelLabels: Record<RecipientChannel, string> = {
  x: 'X (Twitter)',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  facebook: 'Facebook',
  gbp: 'Google Business Profile',
  website: "the practice's website",
  print: 'printed materials',
};

/** How each kind of information is named on the form and in refusals. */
export const contentTypeLabels: Record<ContentType, string> = {
  text: 'my own words (a quote, review or story)',
  name: 'my name',
  photo: 'photographs of me',
  video: 'video of me',
  condition: 'my health condition or treatment',
};

/** "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
