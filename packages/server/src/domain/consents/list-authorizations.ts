import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { ContentType, RecipientChannel } from './authorization.js';
import {
  loadAuthorization,
  loadParts,
  toRecord,
  type StoredAuthorization,
} from './authorization-rows.js';
import { calendarDateIn } from './calendar-date.js';
import type { AuthorizationDefect } from './defects.js';
import { validateAuthorization } from './validate-authorization.js';

/** What the consents view filters on. `pending` is sent and not signed yet. */
export const displayStatuses = ['pending', 'active', 'expiring', 'expired', 'revoked'] as const;
export type DisplayStatus = (typeof displayStatuses)[number];

/** Expiring: the expiry date falls within this many days. */
export const expiringWithinDays = 30;

export interface AuthorizationSummary {
  id: string;
  patientName: string;
  externalId: string | null;
  contact: string;
  source: 'esign' | 'paper';
  status: DisplayStatus;
  expiry: { kind: 'date'; date: string } | { kind: 'event'; event: string };
  channels: RecipientChannel[];
  contentTypes: ContentType[];
  signedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  /** How many posts depend on it (linked, or through a tagged image). */
  dependentPosts: number;
  openTakedowns: number;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The status shown: an expiry date that passed counts as expired even before the hourly run. */
export function displayStatus(stored: StoredAuthorization, now: Date): DisplayStatus {
  const { row } = stored;
  if (row.status === 'revoked') return 'revoked';
  if (row.status === 'expired') return 'expired';
  if (row.status !== 'signed') return 'pending';
  if (row.expiryKind !== 'date' || row.expiryDate === null) return 'active';
  const today = calendarDateIn(now, row.timeZone);
  if (row.expiryDate < today) return 'expired';
  return row.expiryDate <= addDays(today, expiringWithinDays) ? 'expiring' : 'active';
}

function summary(
  stored: StoredAuthorization,
  context: { now: Date; dependents: Map<string, number>; takedowns: Map<string, number> },
): AuthorizationSummary {
  const { row } = stored;
  return {
    id: row.id,
    patientName: row.patientName,
    externalId: row.externalId,
    contact: row.contactValue,
    source: row.source,
    status: displayStatus(stored, context.now),
    expiry:
      row.expiryKind === 'date'
        ? { kind: 'date', date: row.expiryDate ?? '' }
        : { kind: 'event', event: row.expiryEvent ?? '' },
    channels: stored.channels,
    contentTypes: stored.contentTypes,
    signedAt: stored.signature?.signedAt ?? null,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
    dependentPosts: context.dependents.get(row.id) ?? 0,
    openTakedowns: context.takedowns.get(row.id) ?? 0,
  };
}

async function counts(
  db: DbOrTx,
  ids: string[],
): Promise<{ dependents: Map<string, number>; takedowns: Map<string, number> }> {
  if (ids.length === 0) return { dependents: new Map(), takedowns: new Map() };
  const linked = await db
    .selectFrom('postAuthorizations')
    .select(['authorizationId', 'postId'])
    .where('authorizationId', 'in', ids)
    .execute();
  const viaMedia = await db
    .selectFrom('mediaAuthorizations')
    .innerJoin('postMedia', 'postMedia.mediaId', 'mediaAuthorizations.mediaId')
    .select(['mediaAuthorizations.authorizationId', 'postMedia.postId'])
    .where('mediaAuthorizations.authorizationId', 'in', ids)
    .execute();
  const posts = new Map<string, Set<string>>();
  for (const r of [...linked, ...viaMedia]) {
    posts.set(r.authorizationId, (posts.get(r.authorizationId) ?? new Set()).add(r.postId));
  }
  const open = await db
    .selectFrom('takedownItems')
    .select(['authorizationId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('authorizationId', 'in', ids)
    .where('status', '=', 'open')
    .groupBy('authorizationId')
    .execute();
  return {
    dependents: new Map([...posts].map(([id, set]) => [id, set.size])),
    takedowns: new Map(open.map((r) => [r.authorizationId, Number(r.n)])),
  };
}

/**
 * The organization's authorizations, newest first: search by patient name, external id or
 * contact (case-insensitive), filter by the status shown.
 */
export async function listAuthorizations(
  db: DbOrTx,
  options: { orgId: string; query?: string; status?: DisplayStatus; now?: Date },
): Promise<AuthorizationSummary[]> {
  const now = options.now ?? new Date();
  let query = db.selectFrom('authorizations').selectAll().where('orgId', '=', options.orgId);
  const search = options.query?.trim().toLowerCase();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or(
        ['patientName', 'externalId', 'contactValue'].map((column) =>
          eb(sql`lower(${sql.ref(column)})`, 'like', sql`${pattern} escape '\\'`),
        ),
      ),
    );
  }
  const rows = await query.orderBy('createdAt', 'desc').limit(1000).execute();
  const stored = await loadParts(db, rows);
  const context = {
    now,
    ...(await counts(
      db,
      rows.map((r) => r.id),
    )),
  };
  return stored
    .map((s) => summary(s, context))
    .filter((s) => !options.status || s.status === options.status);
}

export interface AuthorizationDetail extends AuthorizationSummary {
  formText: string;
  timeZone: string;
  signer: { kind: string; authority: string | null; method: string } | null;
  defects: AuthorizationDefect[];
  documents: {
    id: string;
    kind: string;
    mediaType: string;
    byteSize: number;
    sha256: string;
    createdAt: string;
  }[];
  posts: { id: string; status: string; via: 'link' | 'media' }[];
  media: { id: string; altText: string }[];
  takedowns: {
    id: string;
    postId: string;
    network: string | null;
    remoteUrl: string | null;
    status: 'open' | 'done';
    reason: string;
    createdAt: string;
    resolvedAt: string | null;
  }[];
  signingLinks: {
    id: string;
    mode: string;
    createdAt: string;
    expiresAt: string;
    usedAt: string | null;
    canceledAt: string | null;
  }[];
}

/** One authorization with everything that depends on it, and whether it is valid right now. */
export async function authorizationDetail(
  db: DbOrTx,
  options: { orgId: string; id: string; now?: Date },
): Promise<AuthorizationDetail> {
  const now = options.now ?? new Date();
  const stored = await loadAuthorization(db, options);
  const context = { now, ...(await counts(db, [stored.row.id])) };
  const id = stored.row.id;
  const [documents, linked, media, viaMedia, takedowns, signingLinks] = await Promise.all([
    db
      .selectFrom('authorizationDocuments')
      .select(['id', 'kind', 'mediaType', 'byteSize', 'sha256', 'createdAt'])
      .where('authorizationId', '=', id)
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('postAuthorizations')
      .innerJoin('posts', 'posts.id', 'postAuthorizations.postId')
      .select(['posts.id', 'posts.status'])
      .where('postAuthorizations.authorizationId', '=', id)
      .execute(),
    db
      .selectFrom('mediaAuthorizations')
      .innerJoin('mediaAssets', 'mediaAssets.id', 'mediaAuthorizations.mediaId')
      .select(['mediaAssets.id', 'mediaAssets.altText'])
      .where('mediaAuthorizations.authorizationId', '=', id)
      .execute(),
    db
      .selectFrom('mediaAuthorizations')
      .innerJoin('postMedia', 'postMedia.mediaId', 'mediaAuthorizations.mediaId')
      .innerJoin('posts', 'posts.id', 'postMedia.postId')
      .select(['posts.id', 'posts.status'])
      .where('mediaAuthorizations.authorizationId', '=', id)
      .execute(),
    db
      .selectFrom('takedownItems')
      .select([
        'id',
        'postId',
        'network',
        'remoteUrl',
        'status',
        'reason',
        'createdAt',
        'resolvedAt',
      ])
      .where('authorizationId', '=', id)
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('signingRequests')
      .select(['id', 'mode', 'createdAt', 'expiresAt', 'usedAt', 'canceledAt'])
      .where('authorizationId', '=', id)
      .orderBy('createdAt')
      .execute(),
  ]);
  const posts = new Map<string, { id: string; status: string; via: 'link' | 'media' }>();
  for (const p of viaMedia) posts.set(p.id, { ...p, via: 'media' });
  for (const p of linked) posts.set(p.id, { ...p, via: 'link' });
  const validation = validateAuthorization(toRecord(stored), {
    now,
    timeZone: stored.row.timeZone,
    beforeSigning: stored.row.status === 'sent' || stored.row.status === 'draft',
  });
  return {
    ...summary(stored, context),
    formText: stored.row.formText,
    timeZone: stored.row.timeZone,
    signer: stored.signature
      ? {
          kind: stored.signature.signerKind,
          authority: stored.signature.representativeAuthority,
          method: stored.signature.method,
        }
      : null,
    defects: validation.defects,
    documents,
    posts: [...posts.values()],
    media,
    takedowns,
    signingLinks,
  };
}
