import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { missingReason, testEnv } from '../../../../tools/test-env.js';
import { openDatabase, type DatabaseHandle, type DialectName } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

export interface TestDatabase {
  handle: DatabaseHandle;
  dialect: DialectName;
  /** The database's connection config, for a second process or handle. */
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  drop(): Promise<void>;
}

/** A fresh, migrated database of the given dialect: a temp SQLite file or a new PostgreSQL database. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bedside-test-'));
    const database = { kind: 'sqlite' as const, file: join(dir, 'test.sqlite') };
    const handle = openDatabase(database);
    await migrateToLatest(handle);
    return {
      handle,
      dialect,
      database,
      drop: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `bedside_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testEnv.postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testEnv.postgresUrl);
  url.pathname = `/${name}`;
  const database = { kind: 'postgres' as const, url: url.toString() };
  const handle = openDatabase(database);
  await migrateToLatest(handle);
  return {
    handle,
    dialect,
    database,
    drop: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: testEnv.postgresUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * Runs a suite once per dialect. PostgreSQL runs when DATABASE_URL_TEST is set; otherwise its
 * suite is skipped with the reason (and CI, with BEDSIDE_STRICT_SKIPS=1, fails on the skip).
 */
export function describeEachDialect(name: string, suite: (dialect: DialectName) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const reason = dialect === 'postgres' ? missingReason('postgres') : undefined;
    if (reason) {
      // eslint-disable-next-line no-console
      console.warn(`${name} [postgres]: ${reason}`);
      describe.skip(`${name} [${dialect}]`, () => suite(dialect));
    } else {
      describe(`${name} [${dialect}]`, () => suite(dialect));
    }
  }
}
