import type { ReputationItemRow } from '../../db/reputation-schema.js';
import type { StoredFinding } from './analyze-item.js';

/** An item as the inbox shows it. `text` is masked wherever the guard found PHI, unless unmasked. */
export interface ItemView {
  id: string;
  source: string;
  kind: string;
  externalId: string;
  url: string | null;
  authorName: string | null;
  authorHandle: string | null;
  text: string;
  masked: boolean;
  phiCategories: string[];
  rating: number | null;
  locationId: string | null;
  providerId: string | null;
  publishedAt: string | null;
  receivedAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  version: number;
  sentimentScore: number | null;
  sentimentLabel: string | null;
  topics: string[];
  urgency: string;
  urgencyReasons: string[];
  status: string;
  assigneeId: string | null;
  slaDueAt: string | null;
  overdue: boolean;
  firstResponseAt: string | null;
  replyPostedByHand: boolean;
  threadExternalId: string | null;
  parentExternalId: string | null;
  /** True when the source can post a reply through its API (false: copy and post by hand). */
  canReplyInApp: boolean;
}

const CATEGORY_LABEL: Record<string, string> = {
  name: 'name',
  geographic: 'place',
  date: 'date',
  age: 'age',
  phone: 'phone',
  fax: 'fax',
  email: 'email',
  ssn: 'SSN',
  medical_record_number: 'record number',
  health_plan_number: 'plan number',
  account_number: 'account number',
  patient_relationship: 'care detail',
};

/**
 * Replaces each PHI span with a label ("[phone hidden]"). Overlapping findings are merged, so a
 * span is hidden once and nothing of it survives.
 */
export function maskText(text: string, findings: readonly StoredFinding[]): string {
  if (findings.length === 0) return text;
  const spans = findings
    .filter((f) => f.end > f.start)
    .map((f) => ({ start: f.start, end: f.end, category: f.category }))
    .sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    if (!span) continue;
    let end = span.end;
    while (i + 1 < spans.length && (spans[i + 1]?.start ?? Infinity) < end) {
      end = Math.max(end, spans[i + 1]?.end ?? end);
      i++;
    }
    if (span.start < at) continue;
    out += `${text.slice(at, span.start)}[${CATEGORY_LABEL[span.category] ?? 'detail'} hidden]`;
    at = end;
  }
  return out + text.slice(at);
}

/** Sources Bedside can answer through their API; the rest are copied and posted by hand. */
export const REPLY_IN_APP = new Set([
  'bluesky',
  'mastodon',
  'google',
  'facebook',
  'instagram',
  'linkedin',
  'x',
]);

export function itemView(
  row: ReputationItemRow,
  options: { unmasked?: boolean; now?: Date } = {},
): ItemView {
  const findings = JSON.parse(row.phiFindings) as StoredFinding[];
  const masked = !options.unmasked && findings.length > 0;
  const now = (options.now ?? new Date()).toISOString();
  return {
    id: row.id,
    source: row.source,
    kind: row.kind,
    externalId: row.externalId,
    url: row.url,
    authorName: masked && findings.some((f) => f.category === 'name') ? null : row.authorName,
    authorHandle: row.authorHandle,
    text: masked ? maskText(row.text, findings) : row.text,
    masked,
    phiCategories: [...new Set(findings.map((f) => f.category))],
    rating: row.rating,
    locationId: row.locationId,
    providerId: row.providerId,
    publishedAt: row.publishedAt,
    receivedAt: row.receivedAt,
    editedAt: row.editedAt,
    deletedAt: row.deletedAt,
    version: row.version,
    sentimentScore: row.sentimentScore,
    sentimentLabel: row.sentimentLabel,
    topics: JSON.parse(row.topics) as string[],
    urgency: row.urgency,
    urgencyReasons: JSON.parse(row.urgencyReasons) as string[],
    status: row.status,
    assigneeId: row.assigneeId,
    slaDueAt: row.slaDueAt,
    overdue:
      row.slaDueAt !== null &&
      row.slaDueAt < now &&
      (row.status === 'new' || row.status === 'assigned'),
    firstResponseAt: row.firstResponseAt,
    replyPostedByHand: row.replyPostedByHand === 1,
    threadExternalId: row.threadExternalId,
    parentExternalId: row.parentExternalId,
    canReplyInApp: REPLY_IN_APP.has(row.source),
  };
}
