import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/database.js';
import { newId } from '../../security/tokens.js';
import { canonicalJson, eventHash, GENESIS_HASH, type HashedContent } from './canonical.js';
import type { AuditEntry } from './audit-types.js';

/**
 * Appends several events, possibly of several organizations, to their hash chains in a fixed
 * number of statements (the dispatcher records one per published target, many per second).
 * Each chain gets exactly what `recordAuditEvent` would have written one by one, in `entries`
 * order: one read of the heads, one insert of the events, one update of the heads. The heads are
 * read FOR UPDATE in organization order (PostgreSQL), so two batches touching the same
 * organizations wait for each other instead of deadlocking or sharing a previous hash.
 */
export async function recordAuditEvents(
  tx: Tx,
  options: { entries: AuditEntry[]; now: Date; dialect: 'sqlite' | 'postgres' },
): Promise<void> {
  const { entries } = options;
  if (entries.length === 0) return;
  const perOrg = new Map<string, AuditEntry[]>();
  for (const entry of entries) perOrg.set(entry.orgId, [...(perOrg.get(entry.orgId) ?? []), entry]);
  const orgIds = [...perOrg.keys()].sort();

  // Read and lock the heads (in organization order), creating the missing ones first.
  const readHeads = () =>
    tx
      .selectFrom('auditChainHeads')
      .select(['orgId', 'lastSeq', 'lastHash'])
      .where('orgId', 'in', orgIds)
      .orderBy('orgId')
      .$if(options.dialect === 'postgres', (q) => q.forUpdate())
      .execute();
  let heads = await readHeads();
  if (heads.length < orgIds.length) {
    await tx
      .insertInto('auditChainHeads')
      .values(orgIds.map((orgId) => ({ orgId, lastSeq: 0, lastHash: GENESIS_HASH })))
      .onConflict((oc) => oc.column('orgId').doNothing())
      .execute();
    heads = await readHeads();
  }

  const at = options.now.toISOString();
  const rows = [];
  const chainEnds = new Map<string, { seq: number; hash: string }>();
  for (const head of heads) {
    const chain = perOrg.get(head.orgId) ?? [];
    let prevHash = head.lastHash;
    let seq = head.lastSeq;
    for (const entry of chain) {
      seq += 1;
      const content: HashedContent = {
        orgId: entry.orgId,
        seq,
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
      const hash = eventHash(prevHash, content);
      rows.push({
        id: newId(),
        ...content,
        outcome: entry.outcome ?? 'success',
        prevHash,
        hash,
      });
      prevHash = hash;
    }
    chainEnds.set(head.orgId, { seq, hash: prevHash });
  }
  await tx.insertInto('auditEvents').values(rows).execute();
  const ends = [...chainEnds];
  await tx
    .updateTable('auditChainHeads')
    .set({
      lastSeq: byOrg(ends.map(([orgId, end]) => [orgId, sql`cast(${end.seq} as integer)`])),
      lastHash: byOrg(ends.map(([orgId, end]) => [orgId, sql`${end.hash}`])),
    })
    .where('orgId', 'in', orgIds)
    .execute();
}

/** `case org_id when … then … end`: one value per organization in a single UPDATE. */
function byOrg(values: [string, RawBuilder<unknown>][]): RawBuilder<never> {
  const arms = values.map(
    ([orgId, value]) => sql`when ${sql.ref('orgId')} = ${orgId} then ${value}`,
  );
  return sql<never>`(case ${sql.join(arms, sql` `)} end)`;
}
