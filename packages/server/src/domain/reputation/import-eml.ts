import { simpleParser } from 'mailparser';
import type { DbOrTx } from '../../db/database.js';
import type { ReputationSourceName } from '../../db/reputation-schema.js';
import { invalid } from '../../errors.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { alertNewItems } from './alerts.js';
import { loadIngestContext } from './ingest-context.js';
import { ingestItems, type IncomingItem } from './ingest-items.js';
import { inTransaction } from './item-actions.js';

/** Review sites by the domain their notification emails come from. */
const SITES: [RegExp, ReputationSourceName][] = [
  [/healthgrades\.com$/i, 'healthgrades'],
  [/vitals\.com$/i, 'vitals'],
  [/zocdoc\.com$/i, 'zocdoc'],
  [/yelp\.com$/i, 'yelp'],
  [/ratemds\.com$/i, 'ratemds'],
  [/webmd\.com$/i, 'webmd'],
  [/google\.com$/i, 'google'],
];

const MAX_TEXT = 5_000;

/** The review inside a notification: the quoted passage when there is one, else the message text. */
function reviewText(body: string): string {
  const quoted = /[“"]([^”"]{20,})[”"]/.exec(body)?.[1];
  const text = (quoted ?? body).replace(/\s+\n/g, '\n').trim();
  return text.slice(0, MAX_TEXT);
}

function rating(body: string): number | null {
  const match = /\b([1-5])(?:\.\d)?\s*(?:out of 5|\/\s*5|stars?|★)/i.exec(body);
  return match ? Number(match[1]) : null;
}

/**
 * Reads a review-notification email (.eml) from a site without an API: the site from the sender's
 * domain (or the one chosen), the rating and the review text from the body. The Message-ID is the
 * item's identity, so importing the same email again changes nothing.
 */
export async function parseReviewEmail(
  raw: Buffer,
  chosen: ReputationSourceName | null,
): Promise<{ source: ReputationSourceName; item: IncomingItem }> {
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipImageLinks: true });
  const sender = mail.from?.value[0]?.address ?? '';
  const domain = sender.split('@')[1] ?? '';
  const detected = SITES.find(([pattern]) => pattern.test(domain))?.[1];
  const source = chosen ?? detected;
  if (!source) throw invalid({ source: 'Choose the site this email came from.' });
  const body = (mail.text ?? '').trim();
  if (!body) throw invalid({ file: 'The email has no text to read a review from.' });
  const id = mail.messageId ?? `${mail.date?.toISOString() ?? ''}:${mail.subject ?? ''}`;
  return {
    source,
    item: {
      externalId: `eml:${id}`.slice(0, 300),
      kind: 'review',
      text: reviewText(body),
      rating: rating(body),
      authorName: null,
      authorHandle: null,
      url: null,
      parentExternalId: null,
      threadExternalId: null,
      publishedAt: mail.date ? mail.date.toISOString() : null,
      editedAt: null,
      deleted: false,
      replyRef: null,
    },
  };
}

export async function importReviewEmail(
  db: DbOrTx,
  options: {
    actor: Actor;
    orgId: string;
    raw: Buffer;
    source: ReputationSourceName | null;
    locationId: string | null;
  },
): Promise<{ itemId: string | null; created: boolean; source: ReputationSourceName }> {
  const parsed = await parseReviewEmail(options.raw, options.source);
  const context = await loadIngestContext(db, options.orgId);
  return inTransaction(db, async (tx) => {
    const stored = await ingestItems(tx, context, {
      source: parsed.source,
      sourceRefId: null,
      locationId: options.locationId,
      importId: null,
      items: [parsed.item],
    });
    await alertNewItems(tx, { orgId: options.orgId, items: stored.created });
    const row = await tx
      .selectFrom('reputationItems')
      .select('id')
      .where('orgId', '=', options.orgId)
      .where('source', '=', parsed.source)
      .where('externalId', '=', parsed.item.externalId)
      .executeTakeFirst();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'review.imported',
      target: { type: 'reputation_item', id: row?.id ?? 'none' },
      details: {
        source: parsed.source,
        format: 'eml',
        created: stored.created.length,
        updated: stored.updated,
      },
    });
    return { itemId: row?.id ?? null, created: stored.created.length > 0, source: parsed.source };
  });
}
