import type { NetworkId } from '@bedside/guard';

export const networkLabels: Record<NetworkId, string> = {
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  x: 'X',
  gbp: 'Google Business Profile',
};

/** How each network counts, in words for the count's description. */
export const countingRule: Record<NetworkId, string> = {
  mastodon: 'Mastodon counts every link as 23 characters',
  bluesky: 'Bluesky counts characters as you see them (an emoji is one)',
  x: 'X counts links as 23 and some scripts twice',
  facebook: 'characters',
  instagram: 'characters',
  linkedin: 'characters',
  gbp: 'characters',
};
