import pg from 'pg';
import { PostgresDialect } from 'kysely';

const TIMESTAMPTZ = 1184;
const INT8 = 20;

/** PostgreSQL through a pg pool. Timestamps come back as ISO strings and counts as numbers, as on SQLite. */
export function createPostgresDialect(url: string): {
  dialect: PostgresDialect;
  close: () => Promise<void>;
  pool: pg.Pool;
} {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') => {
        if (oid === TIMESTAMPTZ) return (value: string) => new Date(value).toISOString();
        if (oid === INT8) return (value: string) => Number(value);
        return pg.types.getTypeParser(oid, format);
      },
    },
  });
  // An idle connection the server closed (a restart, a failover, an administrator) is discarded
  // by the pool and the next query reconnects; without a listener it would crash the process.
  pool.on('error', () => undefined);
  return { dialect: new PostgresDialect({ pool }), close: () => pool.end(), pool };
}
