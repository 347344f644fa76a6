import type { Statement } from 'better-sqlite3';
import type { DatabaseHandle } from '../db/database.js';
import type { PracticePageRow } from '../db/providers-schema.js';
import { pagesChangedCount } from '../domain/providers/page-freshness.js';
import { findPracticePage } from '../domain/providers/public-page-data.js';

/**
 * The current cache version of a practice's published pages, as cheaply as the database allows.
 *
 * - SQLite: read on every request with a prepared statement on the connection (a few
 *   microseconds, no await), so a change committed by any process is seen by the next request.
 * - PostgreSQL: a read costs a round trip, so a version read here is trusted for `trustMs`
 *   (default one second); a change made in this process ends the trust at once, a change made by
 *   another process is seen within `trustMs`.
 */
export interface PageVersions {
  /** The version (null: no published page at this slug), or undefined when only `read` can tell. */
  peek(slug: string): number | null | undefined;
  /** The practice page row, read now (and trusted from here on, as above). */
  read(slug: string): Promise<PracticePageRow | null>;
}

export function pageVersions(
  database: DatabaseHandle,
  options: { trustMs?: number; now?: () => number } = {},
): PageVersions {
  const { db, sqlite } = database;
  if (sqlite) {
    let statement: Statement<[string], number> | null = null;
    return {
      peek(slug) {
        // Prepared on first use: the app is built before a test or `--migrate` creates the table.
        statement ??= sqlite
          .prepare<[string], number>(
            'SELECT cache_version FROM practice_pages WHERE slug = ? AND published = 1',
          )
          .pluck();
        try {
          return statement.get(slug) ?? null;
        } catch {
          // The connection busy with another statement, say: let the awaited read decide.
          return undefined;
        }
      },
      read: (slug) => findPracticePage(db, slug),
    };
  }
  const trustMs = options.trustMs ?? 1000;
  const now = options.now ?? Date.now;
  const known = new Map<string, { row: PracticePageRow | null; at: number; changes: number }>();
  return {
    peek(slug) {
      const entry = known.get(slug);
      if (!entry || entry.changes !== pagesChangedCount() || now() - entry.at >= trustMs)
        return undefined;
      return entry.row ? entry.row.cacheVersion : null;
    },
    async read(slug) {
      // Counted before the read: a change made here while it runs leaves its answer untrusted.
      const at = now();
      const before = pagesChangedCount();
      const row = await findPracticePage(db, slug);
      if (known.size >= 10_000) known.clear();
      known.set(slug, { row, at, changes: before });
      return row;
    },
  };
}
