import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/database.js';
import { newId } from '../../security/tokens.js';
import { canonicalJson, eventHash, GENESIS_HASH, type HashedContent } from './canonical.js';
import type { AuditEntry } from './audit-types.js';

export interface ChainHead {
  orgId: string;
  lastSeq: number;
  lastHash: string;
}

/**
 * Appends several events, possibly of several organizations, to their hash chains in a fixed
 * number of statements (the dispatcher records one per published target, many per second).
 * Each chain gets exactly what `recordAuditEvent` would have written one by one, in `entries`
 * order: one read of the heads, one insert of the events, one update of the heads.
 */
export async function recordAuditEvents(
  tx: Tx,
  options: { entries: AuditEntry[]; now: Date; dialect: 'sqlite' | 'postgres' },
): Promise<void> {
  if (options.entries.length === 0) return;
  const heads = await lockChainHeads(tx, {
    orgIds: options.entries.map((e) => e.orgId),
    dialect: options.dialect,
  });
  await appendAuditEvents(tx, { heads, entries: options.entries, now: options.now });
}

/**
 * Reads the chain heads of `orgIds` FOR UPDATE (PostgreSQL) in organization order — so two
 * writers of the same organizations wait for each other instead of deadlocking or sharing a
 * previous hash — creating missing ones. With `skipLocked`, heads another transaction holds are
 * left out instead of waited for (the caller writes those organizations' events later).
 */
export async function lockChainHeads(
  tx: Tx,
  options: { orgIds: string[]; dialect: 'sqlite' | 'postgres'; skipLocked?: boolean },
): Promise<Map<string, ChainHead>> {
  const orgIds = [...new Set(options.orgIds)].sort();
  const read = (ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : tx
          .selectFrom('auditChainHeads')
          .select(['orgId', 'lastSeq', 'lastHash'])
          .where('orgId', 'in', ids)
          .orderBy('orgId')
          .$if(options.dialect === 'postgres', (q) =>
            options.skipLocked ? q.forUpdate().skipLocked() : q.forUpdate(),
          )
          .execute();
  const heads = new Map((await read(orgIds)).map((head) => [head.orgId, head]));
  const missing = orgIds.filter((orgId) => !heads.has(orgId));
  if (missing.length > 0 && !options.skipLocked) {
    await insertHeads(tx, missing);
    for (const head of await read(missing)) heads.set(head.orgId, head);
  } else if (missing.length > 0) {
    // Missing, or held by someone else: only a head that does not exist yet can be created.
    const existing = await tx
      .selectFrom('auditChainHeads')
      .select('orgId')
      .where('orgId', 'in', missing)
      .execute();
    const known = new Set(existing.map((row) => row.orgId));
    const absent = missing.filter((orgId) => !known.has(orgId));
    if (absent.length > 0) {
      await insertHeads(tx, absent);
      for (const head of await read(absent)) heads.set(head.orgId, head);
    }
  }
  return heads;
}

async function insertHeads(tx: Tx, orgIds: string[]): Promise<void> {
  await tx
    .insertInto('auditChainHeads')
    .values(orgIds.map((orgId) => ({ orgId, lastSeq: 0, lastHash: GENESIS_HASH })))
    .onConflict((oc) => oc.column('orgId').doNothing())
    .execute();
}

/** Appends `entries` after the `heads` this transaction holds (see lockChainHeads); one insert, one update. */
export async function appendAuditEvents(
  tx: Tx,
  options: { heads: Map<string, ChainHead>; entries: AuditEntry[]; now: Date },
): Promise<void> {
  if (options.entries.length === 0) return;
  const at = options.now.toISOString();
  const ends = new Map<string, { seq: number; hash: string }>();
  const rows = options.entries.map((entry) => {
    const head = options.heads.get(entry.orgId);
    if (!head) throw new Error('appendAuditEvents needs the head of every organization it writes');
    const previous = ends.get(entry.orgId) ?? { seq: head.lastSeq, hash: head.lastHash };
    const content: HashedContent = {
      orgId: entry.orgId,
      seq: previous.seq + 1,
      at,
      actorId: entry.actor.userId,
      actorLabel: entry.actor.label,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      ip: entry.actor.ip,
      outcome: entry.outcome ?? 'success',
      details: canonicalJson(entry.details ?? {}),
    };
    const hash = eventHash(previous.hash, content);
    ends.set(entry.orgId, { seq: content.seq, hash });
    return {
      id: newId(),
      ...content,
      outcome: entry.outcome ?? 'success',
      prevHash: previous.hash,
      hash,
    };
  });
  await tx.insertInto('auditEvents').values(rows).execute();
  const chains = [...ends];
  await tx
    .updateTable('auditChainHeads')
    .set({
      lastSeq: byOrg(chains.map(([orgId, end]) => [orgId, sql`cast(${end.seq} as integer)`])),
      lastHash: byOrg(chains.map(([orgId, end]) => [orgId, sql`${end.hash}`])),
    })
    .where(
      'orgId',
      'in',
      chains.map(([orgId]) => orgId),
    )
    .execute();
}

/** `case org_id when … then … end`: one value per organization in a single UPDATE. */
function byOrg(values: [string, RawBuilder<unknown>][]): RawBuilder<never> {
  const arms = values.map(
    ([orgId, value]) => sql`when ${sql.ref('orgId')} = ${orgId} then ${value}`,
  );
  return sql<never>`(case ${sql.join(arms, sql` `)} end)`;
}
