/** Clocks differ between Bedside and the network; look a little before `since`. */
export const CLOCK_SKEW_MS = 2 * 60 * 1000;

/**
 * Reduces a post to its letters and digits without links, so Bedside's text and the network's
 * copy of it (links shortened to t.co or lnkd.in, escaping, trimmed whitespace) compare equal.
 * Used only to recognise our own post after a timeout.
 */
export function comparablePostText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/https?:\/\/\S+/gi, '')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .toLowerCase();
}

/** The first candidate created since `since` (less clock skew) with the same comparable text. */
export function findMatchingPost<T>(
  candidates: ReadonlyArray<T>,
  options: {
    since: Date;
    text: string;
    textOf: (c: T) => string;
    createdAt: (c: T) => string | number;
  },
): T | undefined {
  const wanted = comparablePostText(options.text);
  const after = options.since.getTime() - CLOCK_SKEW_MS;
  return candidates.find((candidate) => {
    const created = options.createdAt(candidate);
    const time = typeof created === 'number' ? created : Date.parse(created);
    return time >= after && comparablePostText(options.textOf(candidate)) === wanted;
  });
}
