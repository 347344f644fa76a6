import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DialectName } from './database.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../test-support/test-database.js';
import { createUser } from '../domain/orgs/create-user.js';
import { createOrganization } from '../domain/orgs/create-organization.js';
import { listLocations, updateLocation } from '../domain/orgs/locations.js';
import { listMembers } from '../domain/orgs/members.js';
import { demoLocation } from '../test-support/test-app.js';

/** Tables that belong to no single tenant: people (who may work for several), sessions, the queue, bookkeeping. */
const GLOBAL_TABLES = new Set([
  'organizations',
  'users',
  'sessions',
  'password_resets',
  'jobs',
  'cron_slots',
  // Rate-limit blocks are shared by every organization: `app:<network>:<host>` spans them all.
  'dispatch_rate_limits',
  'bedside_migrations',
  'bedside_migrations_lock',
]);

describeEachDialect('storage', (dialect: DialectName) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(async () => t.drop());

  it('migrations are recorded, and running them again changes nothing', async () => {
    const again = await migrateToLatest(t.handle);
    expect(again).toEqual({ applied: [], alreadyApplied: Object.keys(migrations).length });
  });

  it('migration names are timestamped and in order', () => {
    const names = Object.keys(migrations);
    for (const name of names) expect(name).toMatch(/^\d{14}-[a-z0-9-]+$/);
    expect([...names].sort()).toEqual(names);
  });

  it('several processes migrating at once apply each migration once', async () => {
    const others = [openDatabase(t.database), openDatabase(t.database)];
    try {
      const reports = await Promise.all(others.map((h) => migrateToLatest(h)));
      expect(reports.flatMap((r) => r.applied)).toEqual([]);
    } finally {
      await Promise.all(others.map((h) => h.close()));
    }
  });

  it('every tenant-owned table carries org_id', async () => {
    const tables = await t.handle.db.introspection.getTables();
    const tenantTables = tables.filter(
      (table) => !GLOBAL_TABLES.has(table.name) && !table.name.startsWith('pgboss'),
    );
    expect(tenantTables.length).toBeGreaterThan(4);
    for (const table of tenantTables)
      expect(
        table.columns.map((c) => c.name),
        table.name,
      ).toContain('org_id');
  });

  it('stores and reads organizations, locations and members the same way', async () => {
    const { db } = t.handle;
    const { id: userId } = await createUser(db, {
      name: 'Ana Owner',
      email: 'ana@clinic.test',
      password: 'long enough password',
    });
    const actor = { userId, label: 'ana@clinic.test', ip: null };
    const { orgId, locationId } = await db.transaction().execute((tx) =>
      createOrganization(tx, {
        actor,
        ownerId: userId,
        name: 'Clinic',
        kind: 'practice',
        location: { ...demoLocation, fax: null },
      }),
    );
    const updated = await updateLocation(db, {
      actor,
      orgId,
      locationId,
      changes: { archived: true, fax: '(217) 555-0101' },
    });
    expect(updated).toMatchObject({
      archived: true,
      fax: '(217) 555-0101',
      timeZone: 'America/Chicago',
    });
    expect(await listLocations(db, orgId)).toHaveLength(1);
    const members = await listMembers(db, orgId);
    expect(members).toEqual([
      expect.objectContaining({
        userId,
        role: 'owner',
        totpEnabled: false,
        joinedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('a failed transaction leaves nothing half-written', async () => {
    const { db } = t.handle;
    const { id: userId } = await createUser(db, {
      name: 'Ana Owner',
      email: 'ana@clinic.test',
      password: 'long enough password',
    });
    const actor = { userId, label: 'ana@clinic.test', ip: null };
    await expect(
      db.transaction().execute(async (tx) => {
        await createOrganization(tx, {
          actor,
          ownerId: userId,
          name: 'Clinic',
          kind: 'practice',
          location: { ...demoLocation, fax: null },
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.selectFrom('organizations').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('auditEvents').selectAll().execute()).toEqual([]);
  });
});
