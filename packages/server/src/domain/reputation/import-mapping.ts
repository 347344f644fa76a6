import { createHash } from 'node:crypto';
import type { IncomingItem } from './ingest-items.js';

/** The fields an imported review can fill; only `text` is required. */
export const IMPORT_FIELDS = [
  'externalId',
  'text',
  'rating',
  'authorName',
  'publishedAt',
  'url',
  'location',
  'title',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Field → the column (CSV header or JSON key) that holds it. */
export type ImportMapping = Partial<Record<ImportField, string>>;

/** Header words each field is recognised by when suggesting a mapping. */
const HINTS: Record<ImportField, RegExp> = {
  externalId: /^(review[ _-]?)?id$|^review[ _-]?(number|key)$/i,
  text: /^(review([ _-]?text)?|text|comment|body|content|feedback)$/i,
  rating: /^(rating|stars?|score|star[ _-]?rating|overall)$/i,
  authorName: /^(author|reviewer|name|user(name)?|reviewer[ _-]?name|display[ _-]?name)$/i,
  publishedAt:
    /^(date|created|created[ _-]?at|published|published[ _-]?at|review[ _-]?date|time)$/i,
  url: /^(url|link|review[ _-]?url|permalink)$/i,
  location: /^(location|office|clinic|practice[ _-]?location)$/i,
  title: /^(title|headline|subject)$/i,
};

/** A first guess at the mapping from the column names; the person confirms or changes it. */
export function suggestMapping(columns: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {};
  for (const field of IMPORT_FIELDS) {
    const column = columns.find((c) => HINTS[field].test(c.trim()));
    if (column !== undefined) mapping[field] = column;
  }
  return mapping;
}

export interface RowContext {
  /** Location id by lower-cased name or id. */
  locations: Map<string, string>;
  kind: IncomingItem['kind'];
}

/** A row as an item, or the reason it cannot be one (never quoting the row's content). */
export type RowResult = { item: IncomingItem } | { problem: string };

function cell(row: Record<string, unknown>, column: string | undefined): string {
  if (column === undefined) return '';
  const value = row[column];
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value.trim() : String(value).trim();
}

const MAX_TEXT = 20_000;

/**
 * Turns one mapped row into an item. Without an id column the identity is a hash of author, date
 * and text, so importing the same file again still matches the same reviews.
 */
export function rowToItem(
  row: Record<string, unknown>,
  mapping: ImportMapping,
  context: RowContext,
): RowResult {
  const body = cell(row, mapping.text);
  const title = cell(row, mapping.title);
  const text = title && body ? `${title}\n\n${body}` : title || body;
  if (!text) return { problem: 'The review text is empty.' };
  if (text.length > MAX_TEXT)
    return { problem: `The review text is longer than ${MAX_TEXT} characters.` };
  const ratingCell = cell(row, mapping.rating);
  let rating: number | null = null;
  if (ratingCell) {
    const value = Number(ratingCell.replace(/\s*(\/\s*5|stars?)$/i, ''));
    if (!Number.isFinite(value) || value < 1 || value > 5)
      return { problem: 'The rating is not a number from 1 to 5.' };
    rating = Math.round(value);
  }
  const dateCell = cell(row, mapping.publishedAt);
  let publishedAt: string | null = null;
  if (dateCell) {
    const parsed = Date.parse(dateCell);
    if (Number.isNaN(parsed)) return { problem: 'The date is not a date.' };
    publishedAt = new Date(parsed).toISOString();
  }
  const urlCell = cell(row, mapping.url);
  if (urlCell && !/^https?:\/\//i.test(urlCell))
    return { problem: 'The link is not a web address.' };
  const locationCell = cell(row, mapping.location);
  let locationId: string | null = null;
  if (locationCell) {
    locationId = context.locations.get(locationCell.toLowerCase()) ?? null;
    if (!locationId) return { problem: 'The location is not one of your locations.' };
  }
  const authorName = cell(row, mapping.authorName) || null;
  const givenId = cell(row, mapping.externalId);
  if (givenId.length > 300) return { problem: 'The review id is longer than 300 characters.' };
  const externalId =
    givenId ||
    `h:${createHash('sha256')
      .update(`${authorName ?? ''}\u0000${publishedAt ?? ''}\u0000${text}`)
      .digest('base64url')
      .slice(0, 32)}`;
  return {
    item: {
      externalId,
      kind: context.kind,
      text,
      rating,
      authorName,
      authorHandle: null,
      url: urlCell || null,
      parentExternalId: null,
      threadExternalId: null,
      publishedAt,
      editedAt: null,
      deleted: false,
      replyRef: null,
      locationId,
    },
  };
}
