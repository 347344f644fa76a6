import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SqliteDialect, type SqliteDatabase } from 'kysely';

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
  return {
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    close: () => sqlite.close(),
    sqlite,
  };
}

/**
 * Kysely prepares every query it runs, and better-sqlite3 compiles SQL on every `prepare`: keep
 * the most recent statements (by SQL text) and reuse them. A statement still iterating (a
 * streamed query) is never handed out twice.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      const cached = cache.get(sql);
      cache.delete(sql);
      const statement = cached && !cached.busy ? cached : sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value ?? '');
      return statement;
    },
  };
}
