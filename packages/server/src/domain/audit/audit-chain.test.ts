import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DialectName } from '../../db/database.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { systemActor } from './audit-types.js';
import { recordAuditEvent } from './record-audit-event.js';
import { verifyAuditChain } from './verify-audit-chain.js';

/** An attacker with database access first has to get past the append-only trigger. */
async function dropAppendOnlyTrigger(t: TestDatabase): Promise<void> {
  if (t.dialect === 'sqlite') {
    await sql.raw('DROP TRIGGER audit_events_no_update').execute(t.handle.db);
    await sql.raw('DROP TRIGGER audit_events_no_delete').execute(t.handle.db);
  } else {
    await sql.raw('DROP TRIGGER audit_events_append_only ON audit_events').execute(t.handle.db);
  }
}

async function seed(t: TestDatabase, count: number, orgId = 'org-a'): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await recordAuditEvent(t.handle.db, {
      orgId,
      actor: { userId: `u${i % 3}`, label: `user${i % 3}@clinic.test`, ip: '10.0.0.1' },
      action: i % 2 ? 'auth.sign_in' : 'location.updated',
      details: { n: i },
    });
  }
}

describeEachDialect('audit chain', (dialect: DialectName) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(async () => t.drop());

  it('verifies an intact chain per organization', async () => {
    await seed(t, 12);
    await seed(t, 5, 'org-b');
    const report = await verifyAuditChain(t.handle.db);
    expect(report).toMatchObject({ ok: true, chains: 2, events: 17, breaks: [] });
  });

  it('refuses UPDATE and DELETE on the table itself', async () => {
    await seed(t, 2);
    await expect(
      t.handle.db.updateTable('auditEvents').set({ action: 'x' }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.handle.db.deleteFrom('auditEvents').execute()).rejects.toThrow(/append-only/);
  });

  it('names the event whose content was changed', async () => {
    await seed(t, 10);
    await dropAppendOnlyTrigger(t);
    await t.handle.db
      .updateTable('auditEvents')
      .set({ outcome: 'success', action: 'audit.exported' })
      .where('seq', '=', 6)
      .execute();
    const report = await verifyAuditChain(t.handle.db);
    expect(report.ok).toBe(false);
    expect(report.breaks[0]).toMatchObject({ orgId: 'org-a', seq: 6 });
    expect(report.breaks[0]!.reason).toMatch(/changed/);
  });

  it('names a deleted event', async () => {
    await seed(t, 10);
    await dropAppendOnlyTrigger(t);
    await t.handle.db.deleteFrom('auditEvents').where('seq', '=', 4).execute();
    const report = await verifyAuditChain(t.handle.db);
    expect(report.breaks[0]).toMatchObject({ seq: 4 });
    expect(report.breaks[0]!.reason).toMatch(/missing/);
  });

  it('catches reordered events', async () => {
    await seed(t, 10);
    await dropAppendOnlyTrigger(t);
    // Swap events 3 and 7 by their sequence numbers (via a temporary value to keep uniqueness).
    await t.handle.db.updateTable('auditEvents').set({ seq: 1000 }).where('seq', '=', 3).execute();
    await t.handle.db.updateTable('auditEvents').set({ seq: 3 }).where('seq', '=', 7).execute();
    await t.handle.db.updateTable('auditEvents').set({ seq: 7 }).where('seq', '=', 1000).execute();
    const report = await verifyAuditChain(t.handle.db);
    expect(report.breaks[0]).toMatchObject({ seq: 3 });
  });

  it('catches a removed tail', async () => {
    await seed(t, 10);
    await dropAppendOnlyTrigger(t);
    await t.handle.db.deleteFrom('auditEvents').where('seq', '>', 8).execute();
    const report = await verifyAuditChain(t.handle.db);
    expect(report.breaks[0]!.reason).toMatch(/tail removed/);
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordAuditEvent(t.handle.db, {
          orgId: 'org-c',
          actor: systemActor,
          action: 'concurrent',
          details: { i },
        }),
      ),
    );
    const report = await verifyAuditChain(t.handle.db, { orgId: 'org-c' });
    expect(report).toMatchObject({ ok: true, events: 40 });
  });
});
