import type { DbOrTx } from '../../db/database.js';
import { eventHash, GENESIS_HASH } from './canonical.js';

export interface ChainBreak {
  orgId: string;
  seq: number;
  eventId: string | null;
  reason: string;
}

export interface ChainReport {
  ok: boolean;
  chains: number;
  events: number;
  /** The first broken link of each broken chain. */
  breaks: ChainBreak[];
}

const PAGE = 1000;

/**
 * Walks every organization's chain in sequence order and names the first broken link:
 * an edited event (its hash no longer matches its content), a deleted one (a gap in the
 * sequence or a previous-hash mismatch), reordered events, or a truncated tail (the chain
 * head remembers more events than remain).
 */
export async function verifyAuditChain(
  db: DbOrTx,
  options: { orgId?: string } = {},
): Promise<ChainReport> {
  let heads = db.selectFrom('auditChainHeads').selectAll().orderBy('orgId');
  if (options.orgId) heads = heads.where('orgId', '=', options.orgId);
  const chainHeads = await heads.execute();
  const breaks: ChainBreak[] = [];
  let events = 0;

  for (const head of chainHeads) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let broken: ChainBreak | undefined;
    for (let afterSeq = 0; !broken;) {
      const page = await db
        .selectFrom('auditEvents')
        .selectAll()
        .where('orgId', '=', head.orgId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const event of page) {
        events += 1;
        const at = { orgId: head.orgId, seq: event.seq, eventId: event.id };
        if (event.seq !== expectedSeq) {
          broken = {
            ...at,
            seq: expectedSeq,
            eventId: null,
            reason: `event ${expectedSeq} is missing (next present is ${event.seq})`,
          };
        } else if (event.prevHash !== prevHash) {
          broken = {
            ...at,
            reason:
              'its previous-hash does not match the event before it (events removed or reordered)',
          };
        } else {
          const { id: _id, hash, prevHash: _prev, ...content } = event;
          if (eventHash(prevHash, content) !== hash)
            broken = {
              ...at,
              reason: 'its content does not match its hash (the event was changed)',
            };
          prevHash = hash;
        }
        if (broken) break;
        expectedSeq += 1;
      }
      if (page.length < PAGE) break;
      afterSeq = page[page.length - 1]!.seq;
    }
    if (!broken && expectedSeq - 1 !== head.lastSeq) {
      broken = {
        orgId: head.orgId,
        seq: expectedSeq,
        eventId: null,
        reason: `the chain ends at ${expectedSeq - 1} but ${head.lastSeq} events were written (tail removed)`,
      };
    } else if (!broken && head.lastHash !== prevHash) {
      broken = {
        orgId: head.orgId,
        seq: head.lastSeq,
        eventId: null,
        reason: 'the last event does not match the recorded chain head',
      };
    }
    if (broken) breaks.push(broken);
  }
  return { ok: breaks.length === 0, chains: chainHeads.length, events, breaks };
}
