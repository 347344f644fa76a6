import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSecretBox } from '../../../security/secret-box.js';
import { createTestPractice, incoming } from '../../../test-support/reputation-practice.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../test-support/test-database.js';
import { importReviews } from '../import-reviews.js';
import { loadIngestContext } from '../ingest-context.js';
import { ingestItems, type IncomingItem } from '../ingest-items.js';
import { markPostedByHand, submitReply } from '../replies.js';
import type { DashboardFilter } from './dashboard-types.js';
import { reputationDashboard, reputationDashboardDirect } from './reputation-dashboard.js';
import { rebuildRollups, responseBucketMinutes } from './rollups.js';
import * as rollupMigration from '../../../db/migrations/20261128075000-reputation-rollups.js';
import * as topicTotalsMigration from '../../../db/migrations/20261128075300-reputation-topic-totals.js';

const box = createSecretBox(randomBytes(32));
const TEXTS = [
  'We waited two hours and the receptionist was rude.',
  'Dr. Synth listened and explained everything. Lovely staff.',
  'They billed my insurance wrong and nobody called back.',
  'Clean office, easy parking, short wait.',
  'My telehealth visit kept dropping; Dr. Synth was patient though.',
  'I will be contacting my lawyer about this clinic.',
  'Average visit.',
];
const SOURCES = ['yelp', 'healthgrades', 'google'] as const;

describeEachDialect('reputation dashboard rollups', (dialect) => {
  let t: TestDatabase;
  let orgId: string;
  let ownerId: string;
  let locationId: string;
  let otherLocationId: string;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    ({ orgId, ownerId, locationId } = await createTestPractice(t.handle.db, 'rollup'));
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
    await t.handle.db
      .insertInto('providers')
      .values({
        id: randomUUID(),
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
  const actor = () => ({ userId: ownerId, label: 'owner', ip: null });

  async function ingest(source: (typeof SOURCES)[number], items: IncomingItem[]) {
    const { db } = t.handle;
    const context = await loadIngestContext(db, orgId);
    return db
      .transaction()
      .execute((tx) =>
        ingestItems(tx, context, { source, sourceRefId: null, locationId, importId: null, items }),
      );
  }

  /** The dashboard from the rollups as the operations kept them, equal to the direct count. */
  async function expectEqual(filter: Partial<DashboardFilter> = {}) {
    for (const bucket of ['day', 'week', 'month'] as const) {
      const options = {
        orgId,
        dialect,
        filter: { from: '2026-09-01', to: '2026-11-30', bucket, ...filter },
      };
      const kept = await reputationDashboard(t.handle.db, options);
      expect(kept).toEqual(await reputationDashboardDirect(t.handle.db, options));
    }
  }

  const generated = (n: number, tag: string): IncomingItem[] =>
    Array.from({ length: n }, (_, i) =>
      incoming(`${tag}-${i}`, TEXTS[i % TEXTS.length]!, {
        rating: i % 4 === 3 ? null : 1 + (i % 5),
        publishedAt: new Date(Date.UTC(2026, 8, 1 + (i % 88), i % 24, 7)).toISOString(),
        locationId: i % 3 === 0 ? otherLocationId : i % 3 === 1 ? locationId : null,
      }),
    );

  it('stay equal to the direct count through ingest, edits, deletions, imports and replies', async () => {
    const { db } = t.handle;
    for (const [n, source] of SOURCES.entries())
      await ingest(source, generated(40 + n * 7, source));
    await expectEqual();

    // Edits (new text and rating → new analysis), deletions, and a deleted item coming back.
    await ingest('yelp', [
      incoming('yelp-0', 'Actually the staff fixed the billing, thank you.', {
        rating: 5,
        publishedAt: '2026-09-01T00:07:00.000Z',
      }),
      incoming('yelp-1', '', { deleted: true }),
      incoming('yelp-2', '', { deleted: true }),
      incoming('never-seen', '', { deleted: true }),
    ]);
    await ingest('yelp', [
      incoming('yelp-2', 'Came back: the wait was long but the nurse was kind.', { rating: 3 }),
    ]);
    await expectEqual();

    // A CSV import (the bench's path), repeated: the second changes nothing.
    const csv = [
      'Review ID,Date,Rating,Review',
      'c-1,2026-10-05,1,"Waited over an hour, rude front desk."',
      'c-2,2026-10-06,5,Spotless office and easy parking.',
      'c-3,not a date,2,Billing mess.',
    ].join('\n');
    const run = () =>
      importReviews(db, {
        actor: actor(),
        orgId,
        source: 'healthgrades',
        format: 'csv',
        mapping: { externalId: 'Review ID', publishedAt: 'Date', rating: 'Rating', text: 'Review' },
        fileName: 'reviews.csv',
        input: (async function* () {
          yield csv;
        })(),
      });
    await run();
    await run();
    await expectEqual();

    // Replies posted by hand (import-only sites): the items count as responded, once each.
    const answered = await db
      .selectFrom('reputationItems')
      .select('id')
      .where('orgId', '=', orgId)
      .where('deletedAt', 'is', null)
      .orderBy('externalId')
      .limit(9)
      .execute();
    for (const [i, item] of answered.entries()) {
      const reply = await submitReply(db, {
        actor: actor(),
        orgId,
        itemId: item.id,
        text: 'Thank you for the feedback. Please call our office so we can help.',
        templateId: null,
        ports: { box, inbound: {} },
      });
      await markPostedByHand(db, { actor: actor(), orgId, replyId: reply.id });
      if (i % 3 === 0) {
        // A second answer does not count twice.
        const again = await submitReply(db, {
          actor: actor(),
          orgId,
          itemId: item.id,
          text: 'Following up: our office manager will call you.',
          templateId: null,
          ports: { box, inbound: {} },
        });
        await markPostedByHand(db, { actor: actor(), orgId, replyId: again.id });
      }
    }
    await expectEqual();
    await expectEqual({ locationId: otherLocationId });
    await expectEqual({ source: 'yelp' });
    const provider = await db
      .selectFrom('providers')
      .select('id')
      .where('orgId', '=', orgId)
      .executeTakeFirstOrThrow();
    await expectEqual({ providerId: provider.id });
    const d = await reputationDashboard(db, {
      orgId,
      dialect,
      filter: { from: '2026-09-01', to: '2026-11-30', bucket: 'month' },
    });
    expect(d.totals.responded).toBe(9);
    expect(d.totals.items).toBeGreaterThan(100);
    expect(d.topics.length).toBeGreaterThan(2);
    expect(d.providers.some((p) => p.name === 'Avery Synth, MD' && p.items > 0)).toBe(true);

    // Rebuilding from the items gives the same rows the operations kept (zero rows aside).
    const rows = async () =>
      (
        await db
          .selectFrom('reputationRollupDaily')
          .selectAll()
          .where('orgId', '=', orgId)
          .where('items', '<>', 0)
          .orderBy(['day', 'locationId', 'providerId', 'source'])
          .execute()
      ).map((r) => Object.values(r).map(String).join('|'));
    const kept = await rows();
    await rebuildRollups(db, orgId);
    expect(await rows()).toEqual(kept);
  });

  it('the migrations roll up items stored before them, as a rebuild would', async () => {
    const { db } = t.handle;
    await ingest('google', generated(30, 'old'));
    await ingest('google', [incoming('old-3', '', { deleted: true })]);
    // Answered (written directly, as an older version might have): the histogram has them.
    await db
      .updateTable('reputationItems')
      .set({ firstResponseAt: '2099-01-01T00:00:00.000Z' })
      .where('externalId', 'like', 'old-1%')
      .execute();
    const snapshot = async () =>
      (
        await Promise.all([
          db.selectFrom('reputationRollupDaily').selectAll().where('items', '<>', 0).execute(),
          db.selectFrom('reputationRollupTopics').selectAll().where('items', '<>', 0).execute(),
          db.selectFrom('reputationRollupResponses').selectAll().execute(),
        ])
      )
        .flat()
        .map((r) => Object.values(r).map(String).join('|'))
        .sort();
    await rebuildRollups(db, orgId);
    const rebuilt = await snapshot();
    for (const table of [
      'reputation_rollup_daily',
      'reputation_rollup_topics',
      'reputation_rollup_responses',
    ])
      await db.schema.dropTable(table).execute();
    await rollupMigration.up(db as never, dialect);
    await topicTotalsMigration.up(db as never);
    expect(await snapshot()).toEqual(rebuilt);
    expect(rebuilt.length).toBeGreaterThan(10);
    expect(rebuilt.filter((r) => r.split('|').length === 7).length).toBeGreaterThan(0);
  });

  it('leaves other organizations and out-of-range days out', async () => {
    await ingest('yelp', generated(10, 'mine'));
    const other = await createTestPractice(t.handle.db, 'elsewhere');
    const context = await loadIngestContext(t.handle.db, other.orgId);
    await t.handle.db.transaction().execute((tx) =>
      ingestItems(tx, context, {
        source: 'yelp',
        sourceRefId: null,
        locationId: null,
        importId: null,
        items: generated(5, 'theirs'),
      }),
    );
    const d = await reputationDashboard(t.handle.db, {
      orgId,
      dialect,
      filter: { from: '2026-09-01', to: '2026-09-05', bucket: 'day' },
    });
    expect(d.totals.items).toBe(5);
    await expectEqual({ from: '2026-09-01', to: '2026-09-05' });
  });
});

it('buckets response times to the minute for two days, then to the hour; never negative', () => {
  const at = '2026-11-01T00:00:00.000Z';
  const after = (ms: number) => new Date(Date.parse(at) + ms).toISOString();
  expect(responseBucketMinutes(at, after(59_999))).toBe(0);
  expect(responseBucketMinutes(at, after(90 * 60_000))).toBe(90);
  expect(responseBucketMinutes(at, after((48 * 60 - 1) * 60_000))).toBe(48 * 60 - 1);
  expect(responseBucketMinutes(at, after((50 * 60 + 59) * 60_000))).toBe(50 * 60);
  expect(responseBucketMinutes(at, after(-1))).toBeNull();
  expect(responseBucketMinutes(at, 'not a date')).toBeNull();
});
