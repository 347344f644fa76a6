import { api } from '../../api/client';

/** The reputation inbox: the server's /reputation routes. */
const base = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/reputation`;
const seg = encodeURIComponent;

export const SOURCES = [
  'bluesky',
  'mastodon',
  'google',
  'facebook',
  'instagram',
  'linkedin',
  'x',
  'healthgrades',
  'vitals',
  'zocdoc',
  'yelp',
  'ratemds',
  'webmd',
  'other',
] as const;
export const IMPORT_SITES = [
  'healthgrades',
  'vitals',
  'zocdoc',
  'yelp',
  'ratemds',
  'webmd',
  'google',
  'facebook',
  'other',
] as const;
export type ImportSite = (typeof IMPORT_SITES)[number];
export const STATUSES = ['new', 'assigned', 'replied', 'closed'] as const;
export type ItemStatus = (typeof STATUSES)[number];
export const TOPICS: Record<string, string> = {
  wait_time: 'Wait time',
  scheduling_access: 'Scheduling and access',
  billing_insurance: 'Billing and insurance',
  staff_manner: 'Staff manner',
  communication: 'Communication',
  clinical_outcome: 'Clinical outcome',
  cleanliness: 'Cleanliness',
  facilities_parking: 'Facilities and parking',
  telehealth: 'Telehealth',
};

export interface InboxItem {
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
  status: ItemStatus;
  assigneeId: string | null;
  slaDueAt: string | null;
  overdue: boolean;
  firstResponseAt: string | null;
  replyPostedByHand: boolean;
  threadExternalId: string | null;
  parentExternalId: string | null;
  canReplyInApp: boolean;
}

export interface Note {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface Reply {
  id: string;
  authorId: string;
  text: string;
  templateId: string | null;
  status: string;
  guardVerdict: string;
  approvedBy: string | null;
  sentAt: string | null;
  remoteUrl: string | null;
  lastError: string | null;
  createdAt: string;
}

export interface ItemDetail {
  item: InboxItem;
  thread: InboxItem[];
  notes: Note[];
  replies: Reply[];
  versions: { version: number; replacedAt: string }[];
}

export interface InboxFilters {
  locationId?: string;
  providerId?: string;
  source?: string;
  rating?: string;
  sentiment?: string;
  topic?: string;
  urgency?: string;
  status?: string;
  assigneeId?: string;
  overdue?: string;
}

export interface Template {
  id: string;
  situation: string;
  text: string;
}

export interface ImportReport {
  importId: string;
  rowsTotal: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  problems: { line: number; reason: string }[];
}

export interface Source {
  id: string;
  source: string;
  mode: string;
  name: string;
  enabled: boolean;
  status: string;
  consecutiveFailures: number;
  lastErrorMessage: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string | null;
}

function query(filters: InboxFilters, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const inboxApi = {
  items: (orgId: string, filters: InboxFilters, signal?: AbortSignal) =>
    api.get<{ items: InboxItem[]; nextCursor: string | null }>(
      `${base(orgId)}/items${query(filters)}`,
      signal,
    ),
  item: (orgId: string, itemId: string, signal?: AbortSignal) =>
    api.get<ItemDetail>(`${base(orgId)}/items/${seg(itemId)}`, signal),
  unmask: (orgId: string, itemId: string) =>
    api.post<InboxItem>(`${base(orgId)}/items/${seg(itemId)}/unmask`),
  bulk: (
    orgId: string,
    body: { itemIds: string[]; assigneeId?: string | null; status?: ItemStatus },
  ) => api.post<{ items: InboxItem[] }>(`${base(orgId)}/items/bulk`, body),
  addNote: (orgId: string, itemId: string, body: string) =>
    api.post<Note>(`${base(orgId)}/items/${seg(itemId)}/notes`, { body }),
  templates: (orgId: string, itemId: string, signal?: AbortSignal) =>
    api.get<{ suggested: string; templates: Template[] }>(
      `${base(orgId)}/items/${seg(itemId)}/templates`,
      signal,
    ),
  reply: (orgId: string, itemId: string, body: { text: string; templateId: string | null }) =>
    api.post<Reply>(`${base(orgId)}/items/${seg(itemId)}/replies`, body),
  decide: (orgId: string, replyId: string, approve: boolean) =>
    api.post<Reply>(`${base(orgId)}/replies/${seg(replyId)}/decision`, { approve }),
  postedByHand: (orgId: string, replyId: string) =>
    api.post<Reply>(`${base(orgId)}/replies/${seg(replyId)}/posted-by-hand`),
  sources: (orgId: string, signal?: AbortSignal) =>
    api.get<{ sources: Source[] }>(`${base(orgId)}/sources`, signal),
  /** Everyone an item can be assigned to (not only those with items now). */
  assignees: (orgId: string, signal?: AbortSignal) =>
    api.get<{ assignees: { userId: string; name: string; role: string }[] }>(
      `${base(orgId)}/assignees`,
      signal,
    ),
  /** The practice's providers, for the provider filter. */
  providers: (orgId: string, signal?: AbortSignal) =>
    api.get<{
      providers: { id: string; firstName: string; lastName: string; credentials: string }[];
    }>(`/api/orgs/${seg(orgId)}/providers`, signal),
  preview: (orgId: string, body: { format: 'csv' | 'json'; sample: string }) =>
    api.post<{
      columns: string[];
      rows: Record<string, string>[];
      suggested: Record<string, string>;
    }>(`${base(orgId)}/imports/preview`, body),
  import: (
    orgId: string,
    body: {
      source: ImportSite;
      format: 'csv' | 'json';
      mapping: Record<string, string>;
      fileName: string | null;
      content: string;
    },
  ) => api.post<ImportReport>(`${base(orgId)}/imports`, body),
};
