import type BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, type Transaction } from 'kysely';
import type { Config } from '../config/config.js';
import type { Database } from './schema.js';
import { createSqliteDialect } from './sqlite/sqlite-dialect.js';
import { createPostgresDialect } from './postgres/postgres-dialect.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: domain operations accept both. */
export type DbOrTx = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  dialect: DialectName;
  /**
   * SQLite only: the connection under `db`, for synchronous reads on a hot path (the public page
   * cache check). It is the same connection, so inside an open transaction it sees that
   * transaction's writes.
   */
  sqlite?: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** Opens the configured database. */
export function openDatabase(database: Config['database']): DatabaseHandle {
  if (database.kind === 'sqlite') {
    const { dialect, close, sqlite } = createSqliteDialect(database.file);
    const db = new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });
    return {
      db,
      dialect: 'sqlite',
      sqlite,
      close: once(async () => {
        await db.destroy().catch(() => undefined);
        close();
      }),
    };
  }
  const { dialect } = createPostgresDialect(database.url);
  const db = new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });
  return { db, dialect: 'postgres', close: once(() => db.destroy()) };
}

/** Closing twice (a shutdown path and a test teardown, say) is harmless. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}
