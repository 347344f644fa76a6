import { sql, type ColumnDataType, type Expression, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/** Column types that mean the same on both dialects. */
export function columnTypes(dialect: DialectName): {
  timestamp: ColumnDataType | Expression<unknown>;
  json: ColumnDataType;
} {
  return {
    timestamp: dialect === 'postgres' ? 'timestamptz' : 'text',
    json: 'text',
  };
}

/** A trigger that refuses UPDATE and DELETE: append-only tables have no change path at all. */
export async function makeAppendOnly(
  db: Kysely<unknown>,
  dialect: DialectName,
  table: string,
): Promise<void> {
  if (dialect === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} is append-only'; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
    )
    .execute(db);
}
