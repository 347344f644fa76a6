import { addUtm, countCharacters, networkLimit } from '@bedside/guard';
import type { ChannelNetwork } from '../../db/schema.js';
import type { PublishingSettings } from './publishing-settings.js';

/** The channel fields a variant's text depends on. */
export interface VariantChannel {
  id: string;
  network: ChannelNetwork;
  handle: string;
  maxCharacters: number | null;
}

export interface VariantText {
  text: string;
  /** What is sent: `text` with first-party UTM parameters. */
  publishText: string;
  count: number;
  limit: number;
}

/** The channel's limit in its network's unit; a Mastodon channel uses its instance's own. */
export function channelLimit(channel: VariantChannel): number {
  return networkLimit(channel.network, limitOptions(channel));
}

export function limitOptions(channel: VariantChannel): { maxCharacters?: number } {
  return channel.network === 'mastodon' && channel.maxCharacters
    ? { maxCharacters: channel.maxCharacters }
    : {};
}

/** The text a channel will publish and its length by that network's own counting rule. */
export function variantText(
  text: string,
  options: { channel: VariantChannel; campaign: string; settings: PublishingSettings },
): VariantText {
  const { channel, settings } = options;
  const publishText = settings.utmEnabled
    ? addUtm(text, {
        network: channel.network,
        campaign: options.campaign,
        websiteDomains: settings.websiteDomains,
      })
    : text;
  return {
    text,
    publishText,
    count: countCharacters(publishText, channel.network, limitOptions(channel)),
    limit: channelLimit(channel),
  };
}

export const NETWORK_NAMES: Record<ChannelNetwork, string> = {
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  x: 'X',
  gbp: 'Google Business Profile',
};

/** "Bluesky allows 300 characters; this text has 312." — or undefined when it fits. */
export function overLimitMessage(
  variant: VariantText,
  channel: VariantChannel,
): string | undefined {
  if (variant.count <= variant.limit) return undefined;
  const where =
    channel.network === 'mastodon'
      ? `This Mastodon instance (${channel.handle})`
      : NETWORK_NAMES[channel.network];
  return `${where} allows ${variant.limit} characters; this text has ${variant.count} (links with their tracking parameters included). Shorten it by ${variant.count - variant.limit}.`;
}
