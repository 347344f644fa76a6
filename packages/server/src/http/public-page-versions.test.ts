import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../test-support/test-database.js';
import { markPagesChanged } from '../domain/providers/page-freshness.js';
import { pageVersions } from './public-page-versions.js';

describeEachDialect('public page versions', (dialect) => {
  let t: TestDatabase;
  let other: DatabaseHandle;
  const orgId = 'org-versions-1';

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const { db } = t.handle;
    const now = new Date().toISOString();
    await db
      .insertInto('organizations')
      .values({
        id: orgId,
        name: 'Synthetic Versions Clinic',
        kind: 'practice',
        createdAt: now,
        updatedAt: now,
      } as never)
      .execute();
    await db
      .insertInto('practicePages')
      .values({
        orgId,
        slug: 'versions-clinic',
        published: 1,
        appointmentUrl: null,
        showRatings: 0,
        description: '',
        cacheVersion: 1,
        updatedAt: now,
      })
      .execute();
    // A second connection: what another server process sees and does.
    other = openDatabase(t.database);
  }, 120_000);
  afterAll(async () => {
    await other?.close();
    await t?.drop();
  });

  const bump = (published = 1) =>
    other.db
      .updateTable('practicePages')
      .set((eb) => ({ cacheVersion: eb('cacheVersion', '+', 1), published }))
      .where('orgId', '=', orgId)
      .execute();

  it('sees a change made by another process: at once on SQLite, after the trust window on PostgreSQL', async () => {
    let now = 0;
    const versions = pageVersions(t.handle, { trustMs: 1000, now: () => now });
    if (dialect === 'sqlite') {
      expect(versions.peek('versions-clinic')).toBe(1);
      await bump();
      expect(versions.peek('versions-clinic')).toBe(2);
      await bump(0);
      expect(versions.peek('versions-clinic')).toBeNull();
      await bump(1);
      expect(versions.peek('versions-clinic')).toBe(4);
      expect(versions.peek('no-such-clinic')).toBeNull();
      expect(versions.peek("'; DROP TABLE practice_pages; --")).toBeNull();
      return;
    }
    expect(versions.peek('versions-clinic')).toBeUndefined();
    expect((await versions.read('versions-clinic'))?.cacheVersion).toBe(1);
    expect(versions.peek('versions-clinic')).toBe(1);
    await bump();
    now = 999;
    expect(versions.peek('versions-clinic')).toBe(1); // trusted for a second
    now = 1000;
    expect(versions.peek('versions-clinic')).toBeUndefined();
    expect((await versions.read('versions-clinic'))?.cacheVersion).toBe(2);
    expect(versions.peek('versions-clinic')).toBe(2);
    // A change made in this process ends the trust at once.
    await bump();
    markPagesChanged(orgId);
    expect(versions.peek('versions-clinic')).toBeUndefined();
    expect((await versions.read('versions-clinic'))?.cacheVersion).toBe(3);
    expect(await versions.read('no-such-clinic')).toBeNull();
    expect(versions.peek('no-such-clinic')).toBeNull();
  });
});
