import type { DbOrTx } from '../../db/database.js';
import type { ReplyStatus } from '../../db/reputation-schema.js';
import { getItemRow, type NoteView } from './item-actions.js';
import { itemView, type ItemView } from './item-view.js';

export interface ReplyView {
  id: string;
  authorId: string;
  text: string;
  templateId: string | null;
  status: ReplyStatus;
  guardVerdict: string;
  approvedBy: string | null;
  sentAt: string | null;
  remoteUrl: string | null;
  lastError: string | null;
  createdAt: string;
}

export interface ItemDetail {
  item: ItemView;
  /** The conversation around a comment or mention: same source and thread, oldest first. */
  thread: ItemView[];
  notes: NoteView[];
  replies: ReplyView[];
  /** Earlier versions when the author edited it at the source, newest first. */
  versions: { version: number; replacedAt: string }[];
}

const THREAD_LIMIT = 50;

export async function getItemDetail(
  db: DbOrTx,
  options: { orgId: string; itemId: string },
): Promise<ItemDetail> {
  const row = await getItemRow(db, options.orgId, options.itemId);
  const threadKey = row.threadExternalId ?? row.externalId;
  const threadRows =
    row.kind === 'review'
      ? []
      : await db
          .selectFrom('reputationItems')
          .selectAll()
          .where('orgId', '=', options.orgId)
          .where('source', '=', row.source)
          .where((eb) =>
            eb.or([eb('threadExternalId', '=', threadKey), eb('externalId', '=', threadKey)]),
          )
          .orderBy('publishedAt')
          .orderBy('receivedAt')
          .limit(THREAD_LIMIT)
          .execute();
  const notes = await db
    .selectFrom('reputationNotes')
    .leftJoin('users', 'users.id', 'reputationNotes.authorId')
    .select([
      'reputationNotes.id',
      'reputationNotes.authorId',
      'users.name as authorName',
      'reputationNotes.body',
      'reputationNotes.createdAt',
    ])
    .where('reputationNotes.orgId', '=', options.orgId)
    .where('reputationNotes.itemId', '=', row.id)
    .orderBy('reputationNotes.createdAt')
    .execute();
  const replies = await db
    .selectFrom('reputationReplies')
    .select([
      'id',
      'authorId',
      'text',
      'templateId',
      'status',
      'guardVerdict',
      'approvedBy',
      'sentAt',
      'remoteUrl',
      'lastError',
      'createdAt',
    ])
    .where('orgId', '=', options.orgId)
    .where('itemId', '=', row.id)
    .orderBy('createdAt')
    .execute();
  const versions = await db
    .selectFrom('reputationItemVersions')
    .select(['version', 'replacedAt'])
    .where('orgId', '=', options.orgId)
    .where('itemId', '=', row.id)
    .orderBy('version', 'desc')
    .execute();
  return {
    item: itemView(row),
    thread: threadRows.map((r) => itemView(r)),
    notes: notes.map((n) => ({ ...n, authorName: n.authorName ?? 'System' })),
    replies,
    versions,
  };
}
