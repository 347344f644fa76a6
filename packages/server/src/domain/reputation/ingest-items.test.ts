import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { loadIngestContext } from './ingest-context.js';
import { ingestItems, newItemId, type IngestBatch } from './ingest-items.js';
import { createTestPractice, incoming } from '../../test-support/reputation-practice.js';

describe('item ids', () => {
  it('are version 7 UUIDs in the order they were made, also within one millisecond', () => {
    const ids = [
      ...Array.from({ length: 5_000 }, () => newItemId(1_764_300_000_000)),
      newItemId(1_764_300_000_001),
      newItemId(1_764_300_000_002),
      newItemId(1_764_290_000_000),
    ];
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]!.replace(/-/g, '').slice(0, 12)).toBe(
      (1_764_300_000_000).toString(16).padStart(12, '0'),
    );
  });
});

describeEachDialect('reputation ingest', (dialect) => {
  let t: TestDatabase;
  let orgId: string;
  let locationId: string;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    ({ orgId, locationId } = await createTestPractice(t.handle.db, 'ingest'));
  });
  afterEach(async () => t.drop());

  const batch = (items: IngestBatch['items']): IngestBatch => ({
    source: 'yelp',
    sourceRefId: null,
    locationId: null,
    importId: null,
    items,
  });
  const run = async (items: IngestBatch['items']) => {
    const { db } = t.handle;
    const context = await loadIngestContext(db, orgId);
    return db.transaction().execute((tx) => ingestItems(tx, context, batch(items)));
  };

  it('stores new items with analysis, an SLA for negative ones, and changes nothing when seen again', async () => {
    const items = [
      incoming('r1', 'We waited two hours and the receptionist was rude.', { rating: 1 }),
      incoming('r2', 'Friendly staff and a clean office, thank you!', { rating: 5 }),
    ];
    const first = await run(items);
    expect(first.created).toHaveLength(2);
    const again = await run(items);
    expect(again).toEqual({ created: [], updated: 0, unchanged: 2, deleted: 0 });
    const rows = await t.handle.db
      .selectFrom('reputationItems')
      .selectAll()
      .where('orgId', '=', orgId)
      .orderBy('externalId')
      .execute();
    expect(rows.map((r) => r.sentimentLabel)).toEqual(['negative', 'positive']);
    expect(JSON.parse(rows[0]!.topics)).toEqual(
      expect.arrayContaining(['wait_time', 'staff_manner']),
    );
    expect(rows[0]!.slaDueAt).not.toBeNull();
    expect(Date.parse(rows[0]!.slaDueAt!) - Date.parse(rows[0]!.receivedAt)).toBe(24 * 3_600_000);
    expect(rows[1]!.slaDueAt).toBeNull();
    const topics = await t.handle.db
      .selectFrom('reputationItemTopics')
      .select('topic')
      .where('itemId', '=', rows[0]!.id)
      .execute();
    expect(topics.map((r) => r.topic).sort()).toEqual(JSON.parse(rows[0]!.topics).sort());
  });

  it('keeps the previous text of an edited item as a version and re-analyses it', async () => {
    await run([incoming('r1', 'Great visit, very kind nurse.', { rating: 5 })]);
    const report = await run([
      incoming('r1', 'Changed my mind: billing overcharged me, rude and awful service.', {
        rating: 1,
      }),
    ]);
    expect(report.updated).toBe(1);
    const row = await t.handle.db
      .selectFrom('reputationItems')
      .selectAll()
      .where('externalId', '=', 'r1')
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(2);
    expect(row.editedAt).not.toBeNull();
    expect(row.sentimentLabel).toBe('negative');
    expect(JSON.parse(row.topics)).toContain('billing_insurance');
    const versions = await t.handle.db
      .selectFrom('reputationItemVersions')
      .selectAll()
      .where('itemId', '=', row.id)
      .execute();
    expect(versions.map((v) => [v.version, v.text, v.rating])).toEqual([
      [1, 'Great visit, very kind nurse.', 5],
    ]);
  });

  it('marks an item deleted at the source without removing it; an unknown deletion is ignored', async () => {
    await run([incoming('r1', 'Parking was hard to find.')]);
    const report = await run([
      incoming('r1', '', { deleted: true }),
      incoming('never-seen', '', { deleted: true }),
    ]);
    expect(report).toMatchObject({ deleted: 1, unchanged: 1, created: [] });
    const rows = await t.handle.db.selectFrom('reputationItems').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.deletedAt).not.toBeNull();
  });

  it("flags inbound PHI with offsets only, and attributes the location only when it is the organization's", async () => {
    const text = 'My SSN 123-45-6789 was read aloud in the waiting room.';
    await run([
      incoming('p1', text, { locationId }),
      incoming('p2', 'Fine.', { locationId: 'someone-elses-location' }),
    ]);
    const rows = await t.handle.db
      .selectFrom('reputationItems')
      .selectAll()
      .orderBy('externalId')
      .execute();
    expect(rows[0]!.phiFlag).toBe(1);
    const findings = JSON.parse(rows[0]!.phiFindings) as {
      start: number;
      end: number;
      category: string;
    }[];
    expect(findings.some((f) => f.category === 'ssn')).toBe(true);
    expect(rows[0]!.phiFindings).not.toContain('6789');
    expect(rows[0]!.locationId).toBe(locationId);
    expect(rows[1]!.locationId).toBeNull();
    expect(rows[1]!.phiFlag).toBe(0);
  });

  it('escalates urgent language whatever the rating', async () => {
    await run([incoming('u1', 'I will call my lawyer about this HIPAA violation.', { rating: 4 })]);
    const row = await t.handle.db
      .selectFrom('reputationItems')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.urgency).toBe('high');
    expect(JSON.parse(row.urgencyReasons)).toEqual(expect.arrayContaining(['legal_threat']));
    expect(row.slaDueAt).not.toBeNull();
  });
});
