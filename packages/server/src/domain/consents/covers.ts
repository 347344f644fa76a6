import type { AuthorizationRecord, ContentType, RecipientChannel } from './authorization.js';
import { parseAuthorization } from './authorization-schema.js';
import { calendarDateIn, isValidDate } from './calendar-date.js';
import type { DefectCode } from './defects.js';
import { channelLabels } from './labels.js';
import { validateAuthorization } from './validate-authorization.js';

export interface CoverageRequest {
  /** What the post shows of the patient. */
  contentTypes: ContentType[];
  /** Where it goes: a guard `NetworkId`, or `website` / `print`. */
  networks: RecipientChannel[];
  /** When it will be published. */
  publishAt: Date;
  /** What the practice knows now (revocations, events) decides as much as the publish date. */
  now: Date;
  /** The practice's IANA zone: expiry dates are calendar dates there. */
  timeZone: string;
}

export interface Coverage {
  covered: boolean;
  /** Why a post featuring the patient cannot be scheduled, in words the composer can show. */
  reasons: string[];
}

/** In refusals the practice is speaking, so it reads "the patient's name", not "my name". */
const contentTypeNames: Record<ContentType, string> = {
  text: "the patient's own words",
  name: "the patient's name",
  photo: 'photos of the patient',
  video: 'video of the patient',
  condition: "the patient's health condition",
};

/** Defects covers() words itself, with the publish date in mind. */
const handledHere: ReadonlySet<DefectCode> = new Set<DefectCode>([
  'signature-missing',
  'signature-date-missing',
  'revoked',
  'expired',
  'expiry-event-occurred',
]);

/**
 * Whether an authorization lets the practice publish a post featuring the patient (164.508(a)(1):
 * a use "consistent with" the authorization): signed, not revoked, still in effect on the publish
 * date, listing every network and every kind of content the post uses, and otherwise valid.
 *
 * The expiry date is inclusive: a post published on the expiry date itself (in the practice's zone)
 * is covered; one published the next day is not. A revocation is final and counts whatever the
 * publish date (or now, if that is later). A post that uses none of the patient's information (no content types) needs only a
 * valid authorization.
 *
 * @example
 * authorizationCovers(record, { contentTypes: ['photo'], networks: ['instagram'], publishAt, now, timeZone });
 */
export function authorizationCovers(input: unknown, request: CoverageRequest): Coverage {
  const parsed = parseAuthorization(input);
  const validation = validateAuthorization(input, { now: request.now, timeZone: request.timeZone });
  const unreadable = validation.defects
    .filter((d) => d.code === 'invalid-input')
    .map((d) => d.message);
  if (!isValidDate(request.publishAt)) unreadable.push('The publish date is not a valid date.');
  if (!parsed.ok || unreadable.length > 0) return { covered: false, reasons: unreadable };
  const record = parsed.record;
  const reasons = [
    ...statusReasons(record, request),
    ...missingChannels(record, request.networks),
    ...missingContent(record, request.contentTypes),
    ...validation.defects
      .filter((d) => !handledHere.has(d.code))
      .map((d) => `The authorization is defective: ${d.message} (${d.citation})`),
  ];
  return { covered: reasons.length === 0, reasons };
}

function statusReasons(record: AuthorizationRecord, request: CoverageRequest): string[] {
  const reasons: string[] = [];
  if (record.status === 'draft' || record.status === 'sent' || record.signature === null) {
    reasons.push('The patient has not signed this authorization yet.');
  }
  if (record.status === 'revoked' || record.revokedAt !== null) {
    reasons.push('The patient revoked this authorization.');
  }
  // Publishing "now" with a publish time a moment ago must still see today's expiry.
  const at = request.publishAt > request.now ? request.publishAt : request.now;
  const expiresAt = record.expiresAt === null ? null : new Date(record.expiresAt);
  const publishDate = calendarDateIn(at, request.timeZone);
  if (record.expiry?.kind === 'date' && record.expiry.date < publishDate) {
    reasons.push(
      `The authorization expires on ${record.expiry.date}, before the publish date (${publishDate}).`,
    );
  } else if (record.status === 'expired' || (expiresAt !== null && expiresAt <= at)) {
    reasons.push(
      record.expiry?.kind === 'event'
        ? 'The event that ends this authorization has occurred.'
        : 'The authorization has expired by the publish date.',
    );
  }
  return reasons;
}

function missingChannels(record: AuthorizationRecord, networks: RecipientChannel[]): string[] {
  return [...new Set(networks)]
    .filter((network) => !record.recipients.channels.includes(network))
    .map((network) => `The authorization does not list ${channelLabels[network]}.`);
}

function missingContent(record: AuthorizationRecord, types: ContentType[]): string[] {
  return [...new Set(types)]
    .filter((type) => !record.information.contentTypes.includes(type))
    .map((type) => `The authorization does not cover ${contentTypeNames[type]}.`);
}
