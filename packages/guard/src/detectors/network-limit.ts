import type { CheckDocument } from '../engine/document.js';
import {
  countCharacters,
  countHashtags,
  INSTAGRAM_MAX_HASHTAGS,
  networkLimit,
} from '../network/count-characters.js';

const NAMES = {
  x: 'X',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  facebook: 'Facebook',
  gbp: 'Google Business Profile',
} as const;

/** Length (and Instagram's hashtag count) by the target network's own counting rule; over the limit blocks publishing. */
export function detectNetworkLimit(doc: CheckDocument): void {
  const network = doc.input.network;
  if (!network || !(network in NAMES)) return;
  const opts =
    doc.input.maxCharacters !== undefined ? { maxCharacters: doc.input.maxCharacters } : {};
  const limit = networkLimit(network, opts);
  const count = countCharacters(doc.text, network, opts);
  if (count > limit) {
    doc.add({
      rule: 'network.too-long',
      category: 'network_limit',
      start: 0,
      end: 0,
      severity: 'block',
      message: `${NAMES[network]} allows ${limit} characters; this is ${count} (${count - limit} too many).`,
      fix: {
        kind: 'advice',
        description: `Shorten the text by at least ${count - limit} characters.`,
      },
    });
  }
  if (network === 'instagram') {
    const tags = countHashtags(doc.text);
    if (tags > INSTAGRAM_MAX_HASHTAGS) {
      doc.add({
        rule: 'network.too-many-hashtags',
        category: 'network_limit',
        start: 0,
        end: 0,
        severity: 'block',
        message: `Instagram allows ${INSTAGRAM_MAX_HASHTAGS} hashtags; this has ${tags}.`,
        fix: {
          kind: 'advice',
          description: `Remove at least ${tags - INSTAGRAM_MAX_HASHTAGS} hashtags.`,
        },
      });
    }
  }
}
