import type { DbOrTx, Tx } from '../../db/database.js';
import type { ReputationItemRow, ReputationItemStatus } from '../../db/reputation-schema.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { newId } from '../../security/tokens.js';
import type { Actor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { itemView, type ItemView } from './item-view.js';

export function inTransaction<T>(db: DbOrTx, operation: (tx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? operation(db as Tx) : db.transaction().execute(operation);
}

export async function getItemRow(
  db: DbOrTx,
  orgId: string,
  itemId: string,
): Promise<ReputationItemRow> {
  const row = await db
    .selectFrom('reputationItems')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!row) throw notFound('The item');
  return row;
}

/** Which states a person may move an item to from each state ("replied" is set by sending a reply). */
const NEXT: Record<ReputationItemStatus, ReputationItemStatus[]> = {
  new: ['assigned', 'closed'],
  assigned: ['new', 'closed'],
  replied: ['closed'],
  closed: ['new'],
};

export interface BulkChange {
  /** Assign to a member (null: unassign). Assigning a new item makes it "assigned". */
  assigneeId?: string | null;
  status?: ReputationItemStatus;
}

/**
 * Assigns and/or moves items (one or many: bulk actions use the same path). All or nothing: one
 * item that cannot make the move refuses the whole change, naming it. One audit event per item.
 */
export async function updateItems(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; itemIds: readonly string[]; change: BulkChange },
): Promise<ItemView[]> {
  const { change } = options;
  if (change.assigneeId === undefined && change.status === undefined)
    throw invalid({ change: 'Choose an assignee or a status.' });
  if (change.status === 'replied')
    throw invalid({ status: 'An item becomes "replied" when a reply is sent or posted by hand.' });
  return inTransaction(db, async (tx) => {
    if (change.assigneeId) {
      const member = await tx
        .selectFrom('memberships')
        .select('userId')
        .where('orgId', '=', options.orgId)
        .where('userId', '=', change.assigneeId)
        .executeTakeFirst();
      if (!member) throw invalid({ assigneeId: 'Choose a member of this organization.' });
    }
    const now = new Date().toISOString();
    const views: ItemView[] = [];
    for (const itemId of new Set(options.itemIds)) {
      const row = await getItemRow(tx, options.orgId, itemId);
      let status = change.status ?? row.status;
      if (
        change.status &&
        change.status !== row.status &&
        !NEXT[row.status].includes(change.status)
      )
        throw conflict(`An item that is ${row.status} cannot become ${change.status}.`);
      const assigneeId = change.assigneeId === undefined ? row.assigneeId : change.assigneeId;
      if (!change.status && change.assigneeId && row.status === 'new') status = 'assigned';
      if (!change.status && change.assigneeId === null && row.status === 'assigned') status = 'new';
      await tx
        .updateTable('reputationItems')
        .set({
          status,
          assigneeId,
          closedAt: status === 'closed' ? now : null,
          updatedAt: now,
        })
        .where('orgId', '=', options.orgId)
        .where('id', '=', itemId)
        .execute();
      await recordAuditEvent(tx, {
        orgId: options.orgId,
        actor: options.actor,
        action: 'review.updated',
        target: { type: 'reputation_item', id: itemId },
        details: { from: row.status, to: status, assigneeId },
      });
      views.push(itemView(await getItemRow(tx, options.orgId, itemId)));
    }
    return views;
  });
}

export interface NoteView {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

/** An internal note: seen by the team only, never sent anywhere. */
export async function addNote(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; itemId: string; body: string },
): Promise<NoteView> {
  const body = options.body.trim();
  if (!body) throw invalid({ body: 'Write the note first.' });
  return inTransaction(db, async (tx) => {
    await getItemRow(tx, options.orgId, options.itemId);
    const id = newId();
    const createdAt = new Date().toISOString();
    const authorId = options.actor.userId ?? 'system';
    await tx
      .insertInto('reputationNotes')
      .values({ id, orgId: options.orgId, itemId: options.itemId, authorId, body, createdAt })
      .execute();
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'review.note_added',
      target: { type: 'reputation_item', id: options.itemId },
      details: { noteId: id },
    });
    const author = await tx
      .selectFrom('users')
      .select('name')
      .where('id', '=', authorId)
      .executeTakeFirst();
    return { id, authorId, authorName: author?.name ?? 'System', body, createdAt };
  });
}

/**
 * The item's text as received, PHI included. Reading it is an audit event (`review.unmask`) in
 * the same transaction, so nobody sees it without a record of who and when.
 */
export async function unmaskItem(
  db: DbOrTx,
  options: { actor: Actor; orgId: string; itemId: string },
): Promise<ItemView> {
  return inTransaction(db, async (tx) => {
    const row = await getItemRow(tx, options.orgId, options.itemId);
    await recordAuditEvent(tx, {
      orgId: options.orgId,
      actor: options.actor,
      action: 'review.unmask',
      target: { type: 'reputation_item', id: row.id },
      details: {
        categories: [
          ...new Set(
            (JSON.parse(row.phiFindings) as { category: string }[]).map((f) => f.category),
          ),
        ],
      },
    });
    return itemView(row, { unmasked: true });
  });
}
