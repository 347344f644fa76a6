import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DbOrTx } from '../../../db/database.js';
import type { ReputationItemTable } from '../../../db/reputation-schema.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../test-support/test-database.js';
import { createTestPractice } from '../../../test-support/reputation-practice.js';
import type { DashboardFilter } from './dashboard-types.js';
import { reputationDashboard, reputationDashboardDirect } from './reputation-dashboard.js';
import { rebuildRollups } from './rollups.js';

/** A synthetic stored item: only what the dashboard reads is interesting. */
async function insertItem(
  db: DbOrTx,
  item: Partial<ReputationItemTable> & { orgId: string; receivedAt: string; topicIds?: string[] },
): Promise<string> {
  const { topicIds = [], ...fields } = item;
  const id = randomUUID();
  await db
    .insertInto('reputationItems')
    .values({
      id,
      sourceRefId: null,
      source: 'yelp',
      externalId: id,
      kind: 'review',
      parentExternalId: null,
      threadExternalId: null,
      url: null,
      authorName: null,
      authorHandle: null,
      text: 'Synthetic review text.',
      rating: null,
      locationId: null,
      providerId: null,
      publishedAt: null,
      editedAt: null,
      deletedAt: null,
      contentHash: id,
      version: 1,
      sentimentScore: null,
      sentimentLabel: null,
      topics: JSON.stringify(topicIds),
      urgency: 'none',
      urgencyReasons: '[]',
      phiFlag: 0,
      phiFindings: '[]',
      status: 'new',
      assigneeId: null,
      slaDueAt: null,
      firstResponseAt: null,
      repliedAt: null,
      closedAt: null,
      replyPostedByHand: 0,
      importId: null,
      replyRef: null,
      createdAt: fields.receivedAt,
      updatedAt: fields.receivedAt,
      ...fields,
    })
    .execute();
  for (const topic of topicIds) {
    await db
      .insertInto('reputationItemTopics')
      .values({ itemId: id, orgId: item.orgId, topic, receivedAt: item.receivedAt })
      .execute();
  }
  return id;
}

const hoursAfter = (iso: string, hours: number): string =>
  new Date(new Date(iso).getTime() + hours * 3_600_000).toISOString();

describeEachDialect('reputation dashboard', (dialect) => {
  let t: TestDatabase;
  let orgId: string;
  let locationId: string;
  let otherLocationId: string;
  let providerId: string;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    ({ orgId, locationId } = await createTestPractice(t.handle.db, 'dash'));
    const now = new Date().toISOString();
    otherLocationId = randomUUID();
    await t.handle.db
      .insertInto('locations')
      .values({
        id: otherLocationId,
        orgId,
        name: 'Northside Clinic',
        address: '1 Synthetic Way',
        city: 'Springfield',
        state: 'IL',
        zip: '62701',
        phone: '+1 217 555 0100',
        fax: null,
        timeZone: 'America/Chicago',
        archived: 0,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    providerId = randomUUID();
    await t.handle.db
      .insertInto('providers')
      .values({
        id: providerId,
        orgId,
        userId: null,
        slug: 'dr-avery-synth',
        npi: null,
        firstName: 'Avery',
        lastName: 'Synth',
        credentials: 'MD',
        profile: '{}',
        published: 0,
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  });
  afterEach(async () => t.drop());

  // Items here are written directly, so the rollups are rebuilt from them; the answer from the
  // rollups must equal the one counted from the items.
  const run = async (filter: Partial<DashboardFilter> = {}) => {
    await rebuildRollups(t.handle.db, orgId);
    const options = {
      orgId,
      dialect,
      filter: { from: '2026-11-02', to: '2026-11-22', bucket: 'week' as const, ...filter },
    };
    const fromRollups = await reputationDashboard(t.handle.db, options);
    expect(fromRollups).toEqual(await reputationDashboardDirect(t.handle.db, options));
    return fromRollups;
  };

  it('answers an empty organization with zeroes for every period', async () => {
    const d = await run();
    expect(d.periods).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    expect(d.totals).toMatchObject({ items: 0, averageRating: null, responseRate: null });
    expect(d.totals.medianResponseHours).toBeNull();
    expect(d.series.map((s) => s.items)).toEqual([0, 0, 0]);
    expect(d.locations).toEqual([]);
    expect(d.providers).toEqual([]);
    expect(d.topics).toEqual([]);
  });

  it('aggregates volume, rating, responses, sentiment, urgency, locations, providers and topics', async () => {
    const db = t.handle.db;
    // Week of Nov 2: three items at the main location, two answered after 2 h and 6 h.
    const a = '2026-11-02T09:00:00.000Z';
    await insertItem(db, {
      orgId,
      receivedAt: a,
      rating: 5,
      locationId,
      providerId,
      sentimentLabel: 'positive',
      firstResponseAt: hoursAfter(a, 2),
      topicIds: ['staff_manner'],
    });
    const b = '2026-11-04T12:00:00.000Z';
    await insertItem(db, {
      orgId,
      receivedAt: b,
      rating: 1,
      locationId,
      sentimentLabel: 'negative',
      urgency: 'high',
      firstResponseAt: hoursAfter(b, 6),
      topicIds: ['wait_time', 'staff_manner'],
    });
    await insertItem(db, {
      orgId,
      receivedAt: '2026-11-08T23:59:59.999Z', // Sunday, still the first week
      rating: 4,
      locationId,
      sentimentLabel: 'neutral',
    });
    // Week of Nov 16: one mention (no rating) at the other location, answered after 30 h.
    const c = '2026-11-16T00:00:00.000Z';
    await insertItem(db, {
      orgId,
      receivedAt: c,
      kind: 'mention',
      source: 'bluesky',
      locationId: otherLocationId,
      sentimentLabel: 'negative',
      urgency: 'critical',
      firstResponseAt: hoursAfter(c, 30),
      topicIds: ['wait_time'],
    });
    // Not counted: deleted, out of range, another organization.
    await insertItem(db, {
      orgId,
      receivedAt: '2026-11-10T10:00:00.000Z',
      rating: 1,
      deletedAt: '2026-11-11T10:00:00.000Z',
    });
    await insertItem(db, { orgId, receivedAt: '2026-11-23T00:00:00.000Z', rating: 1 });
    // Counted as an item, but its unreadable topics are ignored rather than failing the page.
    await insertItem(db, {
      orgId,
      receivedAt: '2026-11-10T12:00:00.000Z',
      topics: 'not json',
      sentimentLabel: 'neutral',
    });
    await insertItem(db, { orgId, receivedAt: '2026-11-01T23:59:59.999Z', rating: 1 });
    const other = await createTestPractice(db, 'other');
    await insertItem(db, { orgId: other.orgId, receivedAt: a, rating: 1 });

    const d = await run();
    expect(d.totals).toEqual({
      items: 5,
      rated: 3,
      averageRating: 3.33,
      responded: 3,
      responseRate: 0.6,
      medianResponseHours: 6,
      positive: 1,
      neutral: 2,
      negative: 2,
      mixed: 0,
      urgent: 2,
    });
    expect(
      d.series.map((s) => [s.period, s.items, s.averageRating, s.medianResponseHours]),
    ).toEqual([
      ['2026-11-02', 3, 3.33, 4],
      ['2026-11-09', 1, null, null],
      ['2026-11-16', 1, null, 30],
    ]);
    const main = await db
      .selectFrom('locations')
      .select('name')
      .where('id', '=', locationId)
      .executeTakeFirstOrThrow();
    expect(
      d.locations.map((l) => [l.id, l.name, l.items, l.averageRating, l.responseRate]),
    ).toEqual([
      [locationId, main.name, 3, 3.33, 0.6667],
      [null, 'No location', 1, null, 0],
      [otherLocationId, 'Northside Clinic', 1, null, 1],
    ]);
    expect(d.locations[0]!.series.map((s) => s.items)).toEqual([3, 0, 0]);
    expect(d.providers.map((p) => [p.name, p.items])).toEqual([
      ['No provider', 4],
      ['Avery Synth, MD', 1],
    ]);
    expect(d.topics).toEqual([
      {
        topic: 'staff_manner',
        items: 2,
        negative: 1,
        series: [
          { period: '2026-11-02', items: 2, negative: 1 },
          { period: '2026-11-09', items: 0, negative: 0 },
          { period: '2026-11-16', items: 0, negative: 0 },
        ],
      },
      {
        topic: 'wait_time',
        items: 2,
        negative: 2,
        series: [
          { period: '2026-11-02', items: 1, negative: 1 },
          { period: '2026-11-09', items: 0, negative: 0 },
          { period: '2026-11-16', items: 1, negative: 1 },
        ],
      },
    ]);

    const byLocation = await run({ locationId: otherLocationId });
    expect(byLocation.totals.items).toBe(1);
    expect(byLocation.totals.medianResponseHours).toBe(30);
    expect((await run({ providerId })).totals.items).toBe(1);
    expect((await run({ source: 'bluesky' })).totals.items).toBe(1);
    expect((await run({ source: 'google' })).totals.items).toBe(0);

    const months = await run({ bucket: 'month', from: '2026-10-01', to: '2026-11-30' });
    expect(months.series.map((s) => [s.period, s.items])).toEqual([
      ['2026-10-01', 0],
      ['2026-11-01', 7],
    ]);
    const days = await run({ bucket: 'day', from: '2026-11-08', to: '2026-11-09' });
    expect(days.series.map((s) => s.items)).toEqual([1, 0]);
  });

  it('places an imported item at its publication date, and measures its response from receipt', async () => {
    const db = t.handle.db;
    const received = '2026-11-20T10:00:00.000Z';
    await insertItem(db, {
      orgId,
      receivedAt: received,
      publishedAt: '2026-11-03T10:00:00.000Z',
      rating: 2,
      firstResponseAt: hoursAfter(received, 3),
    });
    await insertItem(db, { orgId, receivedAt: received, publishedAt: '2025-06-01T00:00:00.000Z' });
    const d = await run();
    expect(d.series.map((s) => [s.period, s.items, s.medianResponseHours])).toEqual([
      ['2026-11-02', 1, 3],
      ['2026-11-09', 0, null],
      ['2026-11-16', 0, null],
    ]);
    expect(d.totals.items).toBe(1);
  });
});
