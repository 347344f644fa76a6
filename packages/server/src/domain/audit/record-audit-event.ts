import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import { newId } from '../../security/tokens.js';
import { canonicalJson, eventHash, GENESIS_HASH } from './canonical.js';
import type { AuditEntry } from './audit-types.js';

/**
 * Appends one event to its organization's hash chain. Call it inside the transaction that made
 * the change, so the change and its record commit together. The chain head row serialises
 * writers per organization (a row lock on PostgreSQL; SQLite has one writer anyway).
 */
export async function recordAuditEvent(
  db: DbOrTx,
  entry: AuditEntry,
  now = new Date(),
): Promise<{ seq: number; hash: string }> {
  // The three statements below must commit together or two writers could share a previous hash.
  if (!db.isTransaction) return db.transaction().execute((tx) => recordAuditEvent(tx, entry, now));
  await db
    .insertInto('auditChainHeads')
    .values({ orgId: entry.orgId, lastSeq: 0, lastHash: GENESIS_HASH })
    .onConflict((oc) => oc.column('orgId').doNothing())
    .execute();
  const head = await db
    .updateTable('auditChainHeads')
    .set({ lastSeq: sql`last_seq + 1` })
    .where('orgId', '=', entry.orgId)
    .returning(['lastSeq', 'lastHash'])
    .executeTakeFirstOrThrow();

  const content = {
    orgId: entry.orgId,
    seq: head.lastSeq,
    at: now.toISOString(),
    actorId: entry.actor.userId,
    actorLabel: entry.actor.label,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: entry.actor.ip,
    outcome: entry.outcome ?? 'success',
    details: canonicalJson(entry.details ?? {}),
  };
  const hash = eventHash(head.lastHash, content);
  await db
    .insertInto('auditEvents')
    .values({ id: newId(), ...content, outcome: content.outcome, prevHash: head.lastHash, hash })
    .execute();
  await db
    .updateTable('auditChainHeads')
    .set({ lastHash: hash })
    .where('orgId', '=', entry.orgId)
    .execute();
  return { seq: head.lastSeq, hash };
}
