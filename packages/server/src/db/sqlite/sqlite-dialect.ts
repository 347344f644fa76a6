import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SqliteDialect } from 'kysely';

/** Embedded SQLite: one file in the data folder, WAL so readers never wait for the writer. */
export function createSqliteDialect(file: string): {
  dialect: SqliteDialect;
  close: () => void;
  sqlite: BetterSqlite3.Database;
} {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return { dialect: new SqliteDialect({ database: sqlite }), close: () => sqlite.close(), sqlite };
}
