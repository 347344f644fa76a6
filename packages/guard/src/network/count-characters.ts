import twitterText from 'twitter-text';
import type { NetworkId } from '../types.js';
import { countCodePoints, countGraphemes } from './graphemes.js';

/** Options for networks whose limit depends on the account or instance. */
export interface CountOptions {
  /** Mastodon instance limit (`configuration.statuses.max_characters`); other networks ignore it. */
  maxCharacters?: number;
}

const LIMITS: Record<NetworkId, number> = {
  x: 280,
  bluesky: 300,
  mastodon: 500,
  instagram: 2200,
  linkedin: 3000,
  facebook: 63206,
  gbp: 1500,
};

/** Instagram rejects captions with more than this many hashtags. */
export const INSTAGRAM_MAX_HASHTAGS = 30;

/** Mastodon and X count every link as this many characters. */
const LINK_WEIGHT = 23;

/**
 * The text limit of a network, in that network's own unit (see {@link countCharacters}).
 *
 * @example networkLimit('bluesky') // 300
 */
export function networkLimit(network: NetworkId, opts: CountOptions = {}): number {
  if (network === 'mastodon' && opts.maxCharacters && opts.maxCharacters > 0)
    return Math.floor(opts.maxCharacters);
  return LIMITS[network];
}

/**
 * Counts text the way the network does: X by twitter-text's weighted length (CJK 2, links 23), Bluesky in graphemes,
 * Mastodon in graphemes with links as 23 and `@user@domain` as `@user`, the others in characters.
 * Very long text is counted cheaply: it is over every limit but Facebook's anyway.
 *
 * @example countCharacters('Hi 👋🏽', 'bluesky') // 4
 */
export function countCharacters(text: string, network: NetworkId, opts: CountOptions = {}): number {
  const limit = networkLimit(network, opts);
  if (text.length > limit * 8 && network !== 'facebook') return countCodePoints(text);
  switch (network) {
    case 'x':
      return twitterText.parseTweet(text).weightedLength;
    case 'bluesky':
      return countGraphemes(text);
    case 'mastodon':
      return countGraphemes(mastodonView(text));
    default:
      return countCodePoints(text);
  }
}

/** Hashtags in the text (Instagram allows 30). */
export function countHashtags(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/(?:^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]+)/gu))
    if (/\p{L}/u.test(m[1] ?? '')) n++;
  return n;
}

/** Replaces links by 23 placeholder characters and `@user@domain` by `@user`, as Mastodon counts them. */
function mastodonView(text: string): string {
  return text
    .split(/(\s+)/)
    .map((w) => {
      if (/^https?:\/\/\S/i.test(w)) return 'x'.repeat(LINK_WEIGHT);
      const m = /^(@[\w.]+)@[\w.-]+\.[a-z]{2,}$/i.exec(w);
      return m?.[1] ?? w;
    })
    .join('');
}
