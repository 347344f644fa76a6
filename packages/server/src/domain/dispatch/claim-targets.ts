import { sql, type ExpressionBuilder } from 'kysely';
import type { Db, DialectName } from '../../db/database.js';
import type { PostTargetRow } from '../../db/schema.js';
import type { Database } from '../../db/schema.js';

/**
 * Takes up to `limit` due targets for one worker, marking them `publishing` under its lease, in
 * one statement. PostgreSQL: the candidates are picked FOR UPDATE SKIP LOCKED in a materialized
 * CTE (chosen once), so concurrent workers never claim the same row; the repeated `due` condition
 * on the UPDATE makes the claim conditional as well. SQLite: one writer at a time, and the same
 * conditional UPDATE.
 */
export async function claimDueTargets(
  db: Db,
  options: { dialect: DialectName; owner: string; now: Date; leaseUntil: Date; limit: number },
): Promise<PostTargetRow[]> {
  const now = options.now.toISOString();
  const due = (eb: ExpressionBuilder<Database, 'postTargets'>) =>
    eb.and([eb('status', '=', 'queued'), eb('nextAttemptAt', '<=', now)]);
  // SQLite would answer the repeated condition from the (status, next_attempt_at) index — a scan
  // of every due row per claim — instead of looking the few candidates up by id; `+column`
  // makes it use the id.
  const stillDue = (eb: ExpressionBuilder<Database, 'postTargets'>) =>
    options.dialect === 'sqlite'
      ? eb.and([
          eb(sql<string>`+${sql.ref('status')}`, '=', 'queued'),
          eb(sql<string>`+${sql.ref('nextAttemptAt')}`, '<=', now),
        ])
      : due(eb);
  return db
    .with(
      (cte) => cte('candidates').materialized(),
      (q) =>
        q
          .selectFrom('postTargets')
          .select('id')
          .where(due)
          .orderBy('nextAttemptAt')
          .limit(options.limit)
          .$if(options.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked()),
    )
    .updateTable('postTargets')
    .set((eb) => ({
      status: 'publishing',
      leaseOwner: options.owner,
      leaseUntil: options.leaseUntil.toISOString(),
      claimedAt: now,
      attempts: eb('attempts', '+', 1),
      updatedAt: now,
    }))
    .where('id', 'in', (eb) => eb.selectFrom('candidates').select('candidates.id'))
    .where(stillDue)
    .returningAll()
    .execute();
}
