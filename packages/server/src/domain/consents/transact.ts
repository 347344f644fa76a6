import type { DbOrTx, Tx } from '../../db/database.js';

/**
 * Runs `operation` in the caller's transaction, or opens one. Consents operations that mail or
 * call networks do that after this returns, so nobody is told about a change that rolled back.
 */
export function inTransaction<T>(db: DbOrTx, operation: (tx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? operation(db as Tx) : db.transaction().execute(operation);
}
