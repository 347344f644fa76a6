import type { DbOrTx } from '../../db/database.js';
import type { AuditEventRow } from '../../db/schema.js';
import type { AuditEventView, AuditOutcome } from './audit-types.js';

export interface AuditFilter {
  orgId: string;
  action?: string;
  actorId?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

export interface AuditPage {
  events: AuditEventView[];
  nextCursor: string | null;
}

/** Newest first, keyset-paginated by sequence number (the cursor is the last seq seen). */
export async function listAuditEvents(
  db: DbOrTx,
  options: AuditFilter & { limit: number; cursor?: string },
): Promise<AuditPage> {
  let query = filtered(db, options);
  if (options.cursor) query = query.where('seq', '<', Number(options.cursor));
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit);
  return {
    events: page.map(toView),
    nextCursor: rows.length > options.limit ? String(page[page.length - 1]!.seq) : null,
  };
}

/** Every matching event, oldest first, a page at a time: exports stream instead of loading all. */
export async function* iterateAuditEvents(
  db: DbOrTx,
  filter: AuditFilter,
): AsyncGenerator<AuditEventView> {
  for (let afterSeq = 0; ;) {
    const rows = await filtered(db, filter)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(500)
      .execute();
    for (const row of rows) yield toView(row);
    if (rows.length < 500) return;
    afterSeq = rows[rows.length - 1]!.seq;
  }
}

export async function listAuditActions(db: DbOrTx, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('auditEvents')
    .select('action')
    .distinct()
    .where('orgId', '=', orgId)
    .orderBy('action')
    .execute();
  return rows.map((r) => r.action);
}

function filtered(db: DbOrTx, f: AuditFilter) {
  let query = db.selectFrom('auditEvents').selectAll().where('orgId', '=', f.orgId);
  if (f.action) query = query.where('action', '=', f.action);
  if (f.actorId) query = query.where('actorId', '=', f.actorId);
  if (f.outcome) query = query.where('outcome', '=', f.outcome);
  if (f.from) query = query.where('at', '>=', f.from);
  if (f.to) query = query.where('at', '<=', f.to);
  return query;
}

function toView(row: AuditEventRow): AuditEventView {
  return {
    id: row.id,
    seq: row.seq,
    at: row.at,
    actorId: row.actorId,
    actorName: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    ip: row.ip,
    outcome: row.outcome,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}
