import { sql, type RawBuilder } from 'kysely';
import type { PublishedPost } from '../../connectors/connector.js';
import type { PostTargetRow } from '../../db/schema.js';
import { systemActor } from '../audit/audit-types.js';
import { appendAuditEvents, lockChainHeads } from '../audit/record-audit-events.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { refreshPostStatuses } from './post-status.js';
import { markPublished } from './target-outcomes.js';

export interface PublishedItem {
  target: PostTargetRow;
  post: PublishedPost;
  recovered: boolean;
}

/**
 * Group commit for published targets: while one transaction writes, the publications that arrive
 * queue up and go into the next one together — one UPDATE for their targets, their audit events
 * in one append, their posts' statuses in one read. Each caller still learns whether its own
 * target was written (it holds the lease, or the sweeper had marked it unconfirmed), exactly as
 * with `markPublished`; a batch that fails is written again one by one, so one bad row cannot
 * fail the others. Until its transaction commits a target stays `publishing` under this worker's
 * lease: a crash in between leaves it to the sweeper, which finds the post on the network.
 */
export class PublishedBatch {
  #waiting: { item: PublishedItem; settle: (written: Promise<boolean>) => void }[] = [];
  #draining = false;

  constructor(
    private readonly deps: DispatchDeps,
    private readonly options: { maxBatch?: number; gatherMs?: number } = {},
  ) {}

  /** Resolves once the target's publication is committed: true if written, false if it was not ours. */
  record(item: PublishedItem): Promise<boolean> {
    const written = new Promise<boolean>((resolve, reject) => {
      this.#waiting.push({ item, settle: (result) => void result.then(resolve, reject) });
    });
    if (!this.#draining) {
      this.#draining = true;
      void this.#drain();
    }
    return written;
  }

  /** Writes whatever is waiting, batch after batch, until nothing is; never throws. */
  async #drain(): Promise<void> {
    const maxBatch = this.options.maxBatch ?? 64;
    const gatherMs = this.options.gatherMs ?? 5;
    while (this.#waiting.length > 0) {
      // Publishes claimed together finish within a few ms of each other: wait for them, so one
      // transaction carries them all (their leases hold meanwhile).
      if (gatherMs > 0 && this.#waiting.length < maxBatch)
        await new Promise((resolve) => setTimeout(resolve, gatherMs));
      const batch = this.#waiting.splice(0, maxBatch);
      const items = batch.map((waiting) => waiting.item);
      let written: Written[];
      try {
        written = await markPublishedBatch(this.deps, items);
      } catch {
        for (const waiting of batch)
          waiting.settle(
            markPublished(this.deps, waiting.item.target, {
              post: waiting.item.post,
              recovered: waiting.item.recovered,
            }),
          );
        continue;
      }
      const later = batch.filter((_, i) => written[i] === 'later');
      batch.forEach((waiting, i) => {
        const result = written[i];
        if (result !== 'later') waiting.settle(Promise.resolve(result ?? false));
      });
      // Their organizations' audit chains were busy with another worker's batch: next time.
      this.#waiting.unshift(...later);
      if (later.length === batch.length) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.#draining = false;
  }
}

/** Per item: written, not ours to write (as `markPublished` says), or to try again shortly. */
export type Written = boolean | 'later';

/**
 * `markPublished` for several targets in one transaction. It first takes the audit chain heads
 * of their organizations without waiting (PostgreSQL: SKIP LOCKED): an organization whose chain
 * another worker's batch is appending to right now is left for the next batch ('later') rather
 * than waited for, so workers never queue behind each other's transactions. Holding the head also
 * orders writers of one post (a post belongs to one organization), so its status read below sees
 * every other publication of it that committed.
 */
export async function markPublishedBatch(
  deps: DispatchDeps,
  items: PublishedItem[],
): Promise<Written[]> {
  if (items.length === 0) return [];
  const at = (deps.now ? deps.now() : new Date()).toISOString();
  return deps.db.transaction().execute(async (tx) => {
    // PostgreSQL: commit without waiting for the WAL flush. A commit lost to a database crash
    // leaves these targets `publishing` under this worker's lease, exactly as a worker crash
    // before the commit does: the sweeper finds the posts on the network and records them then
    // (never sends them again). Waiting for the flush here held every worker's publish slots —
    // and the audit chain heads the other workers were waiting for — for the fsync.
    if (deps.dialect === 'postgres') await sql`set local synchronous_commit = off`.execute(tx);
    const heads = await lockChainHeads(tx, {
      orgIds: items.map((item) => item.target.orgId),
      dialect: deps.dialect,
      skipLocked: true,
    });
    const now = new Date(at);
    const ready = items.filter((item) => heads.has(item.target.orgId));
    const done = new Set<string>();
    if (ready.length > 0) {
      const updated = await tx
        .updateTable('postTargets')
        .set({
          status: 'published',
          remoteId: perTarget(ready, (item) => item.post.remoteId),
          remoteUrl: perTarget(ready, (item) => item.post.url ?? null),
          publishedAt: at,
          leaseOwner: null,
          leaseUntil: null,
          lastErrorKind: null,
          lastErrorMessage: null,
          lastErrorFix: null,
          updatedAt: at,
        })
        .where(
          'id',
          'in',
          ready.map((item) => item.target.id),
        )
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'publishing'), eb('leaseOwner', '=', deps.owner)]),
            eb('status', '=', 'unconfirmed'),
          ]),
        )
        .returning('id')
        .execute();
      for (const row of updated) done.add(row.id);
    }
    const written = ready.filter((item) => done.has(item.target.id));
    await refreshPostStatuses(tx, {
      posts: written.map(({ target }) => ({ orgId: target.orgId, postId: target.postId })),
      now,
    });
    await appendAuditEvents(tx, {
      heads,
      now,
      entries: written.map(({ target, recovered }) => ({
        orgId: target.orgId,
        actor: systemActor,
        action: 'post.target_published',
        target: { type: 'post', id: target.postId },
        details: {
          targetId: target.id,
          channelId: target.channelId,
          network: target.network,
          attempts: target.attempts,
          foundOnNetwork: recovered,
        },
      })),
    });
    return items.map((item): Written =>
      heads.has(item.target.orgId) ? done.has(item.target.id) : 'later',
    );
  });
}

/** `case id when … then … end`: one value per target in a single UPDATE. */
function perTarget(
  items: PublishedItem[],
  value: (item: PublishedItem) => string | null,
): RawBuilder<string> {
  return sql<string>`(case ${sql.join(
    items.map((item) => sql`when ${sql.ref('id')} = ${item.target.id} then ${value(item)}`),
    sql` `,
  )} end)`;
}
