import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { createDemoOrganization } from '../demo/create-demo-organization.js';
import { addDays } from './dashboard/periods.js';
import {
  reputationDashboard,
  reputationDashboardDirect,
} from './dashboard/reputation-dashboard.js';
import { DEMO_REVIEW_COUNT } from './demo-reviews.js';
import { LEGAL_THREAT, WITH_PHONE } from './demo-review-texts.js';

describeEachDialect('demo organization: reviews', (dialect) => {
  let database: TestDatabase;
  let orgId: string;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    ({ orgId } = await createDemoOrganization(database.handle.db));
  }, 60_000);
  afterAll(() => database?.drop());

  const items = () =>
    database.handle.db
      .selectFrom('reputationItems')
      .selectAll()
      .where('orgId', '=', orgId)
      .execute();

  it('has 90 days of reviews, comments and mentions across sources, offices and providers', async () => {
    const rows = await items();
    expect(rows).toHaveLength(DEMO_REVIEW_COUNT);
    const days = rows.map((r) => (Date.now() - Date.parse(r.publishedAt!)) / 86_400_000);
    expect(Math.max(...days)).toBeLessThanOrEqual(90);
    expect(Math.max(...days)).toBeGreaterThan(60);
    expect(Math.min(...days)).toBeLessThan(1);
    expect(new Set(rows.map((r) => r.source)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['review', 'comment', 'mention']));
    expect(new Set(rows.map((r) => r.locationId)).size).toBe(2);
    expect(new Set(rows.map((r) => r.providerId).filter(Boolean)).size).toBeGreaterThanOrEqual(4);
    for (const label of ['positive', 'negative', 'neutral'])
      expect(rows.filter((r) => r.sentimentLabel === label).length, label).toBeGreaterThan(3);
    const topics = new Set(rows.flatMap((r) => JSON.parse(r.topics) as string[]));
    expect(topics.size).toBeGreaterThanOrEqual(6);
    // Each arrived (a poll's few minutes) after it was published, so the inbox reads as history.
    for (const row of rows)
      expect(Date.parse(row.receivedAt)).toBeGreaterThanOrEqual(Date.parse(row.publishedAt!));
  });

  it('marks the lawsuit threat urgent and masks the phone number as inbound PHI, and nothing else', async () => {
    const rows = await items();
    const urgent = rows.filter((r) => r.urgency !== 'none');
    expect(urgent.map((r) => [r.text, r.urgency])).toEqual([[LEGAL_THREAT.text, 'high']]);
    const phi = rows.filter((r) => r.phiFlag === 1);
    expect(phi.map((r) => r.text)).toEqual([WITH_PHONE.text]);
    expect(JSON.parse(phi[0]!.phiFindings)).toEqual([
      expect.objectContaining({ category: 'phone' }),
    ]);
  });

  it('leaves answered, closed, assigned and new items, with response times', async () => {
    const rows = await items();
    const replied = rows.filter((r) => r.status === 'replied');
    expect(replied.length).toBeGreaterThan(15);
    for (const row of replied) {
      expect(row.firstResponseAt).not.toBeNull();
      expect(Date.parse(row.firstResponseAt!)).toBeGreaterThan(Date.parse(row.receivedAt));
    }
    const replies = await database.handle.db
      .selectFrom('reputationReplies')
      .select(['status', 'templateId'])
      .where('orgId', '=', orgId)
      .execute();
    expect(replies).toHaveLength(replied.length);
    expect(replies.every((r) => r.status === 'posted_by_hand' && r.templateId)).toBe(true);
    expect(rows.filter((r) => r.status === 'closed').length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.status === 'assigned').length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.status === 'new').length).toBeGreaterThanOrEqual(3);
  });

  it('keeps the analytics rollups equal to the items themselves', async () => {
    const { db } = database.handle;
    const to = new Date().toISOString().slice(0, 10);
    const filter = { from: addDays(to, -95), to, bucket: 'week' as const };
    const fromRollups = await reputationDashboard(db, { orgId, dialect, filter });
    expect(fromRollups).toEqual(await reputationDashboardDirect(db, { orgId, dialect, filter }));
    expect(fromRollups.totals.items).toBe(DEMO_REVIEW_COUNT);
    expect(fromRollups.totals.responseRate).toBeGreaterThan(0);
    expect(fromRollups.totals.medianResponseHours).toBeGreaterThan(0);
  });

  it('alerts only about recent items: the backfill stays quiet', async () => {
    const notes = await database.handle.db
      .selectFrom('notifications')
      .select(['kind', 'title', 'link'])
      .where('orgId', '=', orgId)
      .where('kind', 'like', 'review.%')
      .execute();
    const recent = (await items()).filter(
      (r) =>
        Date.now() - Date.parse(r.publishedAt!) < 72 * 3_600_000 &&
        (r.sentimentLabel === 'negative' || r.urgency !== 'none'),
    );
    expect(recent.length).toBeLessThan(DEMO_REVIEW_COUNT / 4);
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      // Managers hear about every recent negative item (as one summary), the compliance officer
      // about the urgent one; nothing older than three days reaches anyone.
      if (note.kind === 'review.alert_summary')
        expect(note.title).toBe(`${recent.length} new negative or urgent items`);
      else expect(recent.map((r) => `/inbox?item=${r.id}`)).toContain(note.link);
    }
  });

  it('leaves the inbox empty when asked (journeys that import their own reviews)', async () => {
    const { db } = database.handle;
    const empty = await createDemoOrganization(db, { domain: 'empty.demo.test', reviews: false });
    const rows = await db
      .selectFrom('reputationItems')
      .select('id')
      .where('orgId', '=', empty.orgId)
      .execute();
    expect(rows).toEqual([]);
  });
});
