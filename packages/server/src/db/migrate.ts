import { Migrator, type Migration } from 'kysely';
import type { DatabaseHandle } from './database.js';
import { migrations } from './migrations/index.js';

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Brings the schema up to date. Kysely's migrator takes a lock (a lock table row on both
 * dialects, an advisory lock on PostgreSQL) so several processes starting at once run each
 * migration exactly once.
 */
export async function migrateToLatest(handle: DatabaseHandle): Promise<MigrationReport> {
  const provider = {
    getMigrations: async (): Promise<Record<string, Migration>> =>
      Object.fromEntries(
        Object.entries(migrations).map(([name, mod]) => [
          name,
          { up: (db) => mod.up(db, handle.dialect) } satisfies Migration,
        ]),
      ),
  };
  const migrator = new Migrator({
    db: handle.db,
    provider,
    migrationTableName: 'bedside_migrations',
    migrationLockTableName: 'bedside_migrations_lock',
  });
  const before = (await migrator.getMigrations()).filter((m) => m.executedAt).length;
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed`, { cause: error });
  }
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    alreadyApplied: before,
  };
}
