import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { describeEachDialect } from '../../test-support/test-database.js';
import { rebuildRollups } from '../../domain/reputation/dashboard/rollups.js';

describeEachDialect('reputation dashboard API', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  let other: OrgWithRoles;
  const today = new Date().toISOString().slice(0, 10);
  beforeAll(async () => {
    t = await createTestApp(dialect);
    o = await createOrgWithRoles(t, 'rd');
    other = await createOrgWithRoles(t, 're');
    const { db } = t.services.database;
    const receivedAt = `${today}T08:00:00.000Z`;
    for (const [rating, label] of [
      [5, 'positive'],
      [2, 'negative'],
    ] as const) {
      const id = randomUUID();
      await db
        .insertInto('reputationItems')
        .values({
          id,
          orgId: o.orgId,
          sourceRefId: null,
          source: 'google',
          externalId: id,
          kind: 'review',
          parentExternalId: null,
          threadExternalId: null,
          url: null,
          authorName: 'Synthetic Reviewer',
          authorHandle: null,
          text: 'Synthetic review text that must never reach the dashboard.',
          rating,
          locationId: o.locationId,
          providerId: null,
          publishedAt: null,
          receivedAt,
          editedAt: null,
          deletedAt: null,
          contentHash: id,
          version: 1,
          sentimentScore: label === 'positive' ? 0.8 : -0.8,
          sentimentLabel: label,
          topics: '["wait_time"]',
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
          createdAt: receivedAt,
          updatedAt: receivedAt,
        })
        .execute();
      await db
        .insertInto('reputationItemTopics')
        .values({ itemId: id, orgId: o.orgId, topic: 'wait_time', receivedAt })
        .execute();
    }
    // Written directly, so the dashboard's rollups are rebuilt from the items.
    await rebuildRollups(db, o.orgId);
  }, 120_000);
  afterAll(async () => t?.close());
  const url = (query = '', orgId = o.orgId) => `/api/orgs/${orgId}/reputation/dashboard${query}`;

  it('gives every role the last 90 days by week, aggregates only', async () => {
    const res = await o.clients.viewer.get(url());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.filter).toMatchObject({ to: today, bucket: 'week' });
    expect(body.totals).toMatchObject({ items: 2, rated: 2, averageRating: 3.5, negative: 1 });
    expect(body.locations).toHaveLength(1);
    expect(body.topics[0]).toMatchObject({ topic: 'wait_time', items: 2, negative: 1 });
    expect(res.body).not.toContain('Synthetic review text');
    expect(res.body).not.toContain('Synthetic Reviewer');
  });

  it('filters by location and source; another organization sees none of it', async () => {
    const byLocation = await o.clients.marketer.get(
      url(`?locationId=${o.locationId}&bucket=day&from=${today}&to=${today}`),
    );
    expect(byLocation.statusCode, byLocation.body).toBe(200);
    expect(byLocation.json().series).toHaveLength(1);
    expect(byLocation.json().totals.items).toBe(2);
    const bySource = await o.clients.marketer.get(url('?source=yelp'));
    expect(bySource.json().totals.items).toBe(0);
    const theirs = await other.clients.owner.get(url('', other.orgId));
    expect(theirs.json().totals.items).toBe(0);
    expect((await other.clients.owner.get(url())).statusCode).toBe(404);
  });

  it("answers 404 for another organization's location or an unknown provider", async () => {
    const loc = await o.clients.owner.get(url(`?locationId=${other.locationId}`));
    expect(loc.statusCode).toBe(404);
    expect(loc.json().error.code).toBe('not_found');
    const provider = await o.clients.owner.get(url('?providerId=nope'));
    expect(provider.statusCode).toBe(404);
  });

  it.each([
    ['?from=2026-11-10&to=2026-11-01', 'from'],
    ['?from=2020-01-01&to=2026-01-01', 'to'],
    ['?bucket=day&from=2025-01-01&to=2026-06-01', 'to'],
  ])('refuses an impossible range %s', async (query, field) => {
    const res = await o.clients.owner.get(url(query));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.details.fields).toHaveProperty(field);
  });

  it.each(['?bucket=year', '?from=11/01/2026', '?source=myspace', '?unknown=1', '?locationId='])(
    'refuses bad query %s',
    async (query) => {
      const res = await o.clients.owner.get(url(query));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    },
  );

  it('exports CSV, records the export in the audit trail, and never includes item text', async () => {
    const res = await o.clients.clinician.get(url(`/export?from=${today}&to=${today}&bucket=day`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(
      `bedside-reputation-${today}-to-${today}.csv`,
    );
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^scope,scope_id,name,period,items/);
    expect(lines).toContain(`all,,,${today},2,2,3.5,0,0,,1,0,1,0,0`);
    expect(res.body).not.toContain('Synthetic review text');
    const events = await t.services.database.db
      .selectFrom('auditEvents')
      .select(['action', 'actorId'])
      .where('orgId', '=', o.orgId)
      .where('action', '=', 'reputation.dashboard_exported')
      .execute();
    expect(events).toEqual([
      { action: 'reputation.dashboard_exported', actorId: o.userIds.clinician },
    ]);
    const bad = await o.clients.clinician.get(url('/export?from=2026-11-10&to=2026-11-01'));
    expect(bad.statusCode).toBe(400);
  });
});
