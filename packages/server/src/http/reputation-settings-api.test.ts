import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { webhookSignature } from '../domain/reputation/outbound-webhooks.js';
import { createOrgWithRoles, type OrgWithRoles } from '../test-support/org-with-roles.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { describeEachDialect } from '../test-support/test-database.js';

interface Item {
  id: string;
  text: string;
  locationId: string | null;
  providerId: string | null;
  assigneeId: string | null;
  status: string;
}

const NOW = new Date().toISOString();
const CSV = [
  'Review ID,Rating,Date,Location,Review',
  `f-1,1,${NOW},Northside Clinic,"Waited two hours, rude front desk. Dr. Quill never came."`,
  `f-2,5,${NOW},Eastside Clinic,Lovely staff and a spotless office. Dr. Quill was kind.`,
  `f-3,2,${NOW},Eastside Clinic,"They billed my insurance twice and nobody called back."`,
  `f-4,2,${NOW},,I am calling my lawyer about how the nurse treated my mother.`,
].join('\n');

describeEachDialect('reputation settings and inbox filters API', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  let base: string;
  let providerId: string;
  let eastsideId: string;
  const texts = async (query: string) => {
    const res = await o.clients.viewer.get(`${base}/items${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Item[] }).items.map((i) => i.text.slice(0, 12)).sort();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    o = await createOrgWithRoles(t, 'rs');
    base = `/api/orgs/${o.orgId}/reputation`;
    const location = await o.clients.owner.post(`/api/orgs/${o.orgId}/locations`, {
      name: 'Eastside Clinic',
      address: '9 Elm St',
      city: 'Springfield',
      state: 'IL',
      zip: '62702',
      phone: '(217) 555-0190',
      timeZone: 'America/Chicago',
    });
    expect(location.statusCode, location.body).toBe(201);
    eastsideId = (location.json() as { id: string }).id;
    const provider = await o.clients.marketer.post(`/api/orgs/${o.orgId}/providers`, {
      firstName: 'Ada',
      lastName: 'Quill',
      credentials: 'MD',
      npi: null,
      userId: null,
    });
    expect(provider.statusCode, provider.body).toBe(201);
    providerId = (provider.json() as { id: string }).id;
    const imported = await o.clients.marketer.post(`${base}/imports`, {
      source: 'zocdoc',
      format: 'csv',
      mapping: {
        externalId: 'Review ID',
        rating: 'Rating',
        publishedAt: 'Date',
        location: 'Location',
        text: 'Review',
      },
      fileName: 'zocdoc.csv',
      content: CSV,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ created: 4, skipped: 0 });
  }, 60_000);
  afterAll(async () => t?.close());

  it('lists everyone who can be assigned, not only current assignees', async () => {
    const res = await o.clients.viewer.get(`${base}/assignees`);
    expect(res.statusCode).toBe(200);
    const { assignees } = res.json() as { assignees: { userId: string; role: string }[] };
    expect(assignees.map((a) => a.role).sort()).toEqual(
      ['admin', 'compliance_officer', 'front_desk', 'marketer', 'owner'].sort(),
    );
    expect(assignees.map((a) => a.userId)).not.toContain(o.userIds.viewer);
    const other = await createOrgWithRoles(t, 'rs2');
    expect((await other.clients.owner.get(`${base}/assignees`)).statusCode).toBe(404);
  });

  it('filters by every field the inbox offers: location, provider, source, rating, sentiment, topic, urgency, status, assignee', async () => {
    const all = await texts('');
    expect(all).toHaveLength(4);
    expect(await texts(`?locationId=${eastsideId}`)).toEqual(['Lovely staff', 'They billed ']);
    expect(await texts(`?locationId=${o.locationId}`)).toEqual(['Waited two h']);
    expect(await texts(`?providerId=${providerId}`)).toEqual(['Lovely staff', 'Waited two h']);
    expect(await texts('?source=zocdoc')).toHaveLength(4);
    expect(await texts('?source=yelp')).toEqual([]);
    expect(await texts('?rating=5')).toEqual(['Lovely staff']);
    expect(await texts('?sentiment=positive')).toEqual(['Lovely staff']);
    expect(await texts('?topic=billing_insurance')).toEqual(['They billed ']);
    expect(await texts('?topic=billing_insurance&sentiment=negative')).toEqual(['They billed ']);
    expect(await texts('?topic=billing_insurance&sentiment=positive')).toEqual([]);
    expect(await texts('?urgency=high')).toEqual(['I am calling']);

    const list = await o.clients.viewer.get(`${base}/items`);
    const billed = (list.json() as { items: Item[] }).items.find((i) =>
      i.text.startsWith('They billed'),
    )!;
    const assigned = await o.clients.marketer.post(`${base}/items/bulk`, {
      itemIds: [billed.id],
      assigneeId: o.userIds.front_desk,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(await texts(`?assigneeId=${o.userIds.front_desk}`)).toEqual(['They billed ']);
    expect(await texts('?status=assigned')).toEqual(['They billed ']);
    expect(await texts('?assigneeId=none')).toHaveLength(3);
    expect(await texts(`?assigneeId=${o.userIds.front_desk}&locationId=${o.locationId}`)).toEqual(
      [],
    );
    // Bad filter values are refused by name.
    for (const bad of ['?sentiment=angry', '?urgency=soon', '?status=gone', '?rating=0'])
      expect((await o.clients.viewer.get(`${base}/items${bad}`)).statusCode, bad).toBe(400);
  });

  it('removes a source after pausing it; the items stay; only managers may', async () => {
    const created = await o.clients.owner.post(`${base}/sources`, {
      mode: 'webhook',
      source: 'facebook',
      name: 'Clinic Page',
      locationId: null,
      appSecret: 'synthetic-app-secret-0123456789',
      verifyToken: 'synthetic-verify',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as { id: string };
    const paused = await o.clients.owner.post(`${base}/sources/${id}/enabled`, { enabled: false });
    expect(paused.json()).toMatchObject({ enabled: false, status: 'paused' });
    expect((await o.clients.front_desk.delete(`${base}/sources/${id}`)).statusCode).toBe(403);
    expect((await o.clients.owner.delete(`${base}/sources/${id}`)).statusCode).toBe(204);
    expect((await o.clients.owner.delete(`${base}/sources/${id}`)).statusCode).toBe(404);
    const sources = await o.clients.viewer.get(`${base}/sources`);
    expect(
      (sources.json() as { sources: { id: string }[] }).sources.map((s) => s.id),
    ).not.toContain(id);
    expect(await texts('')).toHaveLength(4);
  });

  it('alert preferences per channel: urgent items by email, every negative one in the app', async () => {
    const url = `${base}/alert-preferences`;
    const before = await o.clients.front_desk.get(url);
    expect(before.json()).toEqual({
      level: 'none',
      email: false,
      inApp: false,
      digest: false,
      emailLevel: 'none',
      inAppLevel: 'none',
    });
    const saved = await o.clients.front_desk.put(url, {
      level: 'negative',
      email: true,
      inApp: true,
      digest: true,
      emailLevel: 'urgent',
      inAppLevel: 'negative',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({
      level: 'negative',
      email: true,
      inApp: true,
      digest: true,
      emailLevel: 'urgent',
      inAppLevel: 'negative',
    });
    // The older shape still means one level for the channels that are on.
    const older = await o.clients.marketer.put(url, {
      level: 'urgent',
      email: false,
      inApp: true,
      digest: false,
    });
    expect(older.json()).toMatchObject({ emailLevel: 'none', inAppLevel: 'urgent' });
    for (const bad of [{ emailLevel: 'loud' }, { level: 'negative' }, { extra: 1 }])
      expect((await o.clients.front_desk.put(url, bad)).statusCode).toBe(400);

    const now = new Date().toISOString();
    const imported = await o.clients.marketer.post(`${base}/imports`, {
      source: 'vitals',
      format: 'csv',
      mapping: { externalId: 'id', publishedAt: 'date', rating: 'stars', text: 'text' },
      fileName: null,
      content: [
        'id,date,stars,text',
        `v-1,${now},1,"Rude front desk, waited forever."`,
        `v-2,${now},1,I am calling my lawyer about this clinic.`,
      ].join('\n'),
    });
    expect(imported.json()).toMatchObject({ created: 2 });
    const mine = await t.services.database.db
      .selectFrom('notifications')
      .select(['title', 'emailStatus'])
      .where('orgId', '=', o.orgId)
      .where('userId', '=', o.userIds.front_desk)
      .orderBy('title')
      .execute();
    expect(mine.map((n) => [n.title, n.emailStatus === 'pending'])).toEqual([
      ['New negative review on Vitals (1★)', false],
      ['Urgent review on Vitals (1★)', true],
    ]);
  });

  it('sends a signed test alert to a webhook and records how it answered', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    let answer = 204;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const created = await o.clients.owner.post(`${base}/webhooks`, {
        url,
        format: 'slack',
        level: 'urgent',
      });
      expect(created.statusCode, created.body).toBe(201);
      const { webhook, secret } = created.json() as { webhook: { id: string }; secret: string };
      expect((await o.clients.viewer.post(`${base}/webhooks/${webhook.id}/test`)).statusCode).toBe(
        403,
      );
      const sent = await o.clients.owner.post(`${base}/webhooks/${webhook.id}/test`);
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toEqual({ status: 'ok' });
      expect(received).toHaveLength(1);
      const [delivery] = received;
      const timestamp = delivery!.headers['x-bedside-timestamp'] as string;
      expect(delivery!.headers['x-bedside-signature']).toBe(
        webhookSignature(secret, timestamp, delivery!.body),
      );
      expect(JSON.parse(delivery!.body)).toEqual({
        text: expect.stringContaining('Test alert from Bedside'),
      });
      answer = 500;
      expect((await o.clients.owner.post(`${base}/webhooks/${webhook.id}/test`)).json()).toEqual({
        status: 'HTTP 500',
      });
      const hooks = await o.clients.owner.get(`${base}/webhooks`);
      expect((hooks.json() as { webhooks: { lastStatus: string }[] }).webhooks).toEqual([
        expect.objectContaining({ lastStatus: 'HTTP 500' }),
      ]);
      // The secret is never shown again.
      expect(hooks.body).not.toContain(secret);
      expect((await o.clients.owner.post(`${base}/webhooks/nope/test`)).statusCode).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
