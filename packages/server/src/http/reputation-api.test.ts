import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliverNotificationEmails } from '../domain/notifications/deliver-notification-emails.js';
import { deliverWebhookAlerts, webhookSignature } from '../domain/reputation/outbound-webhooks.js';
import { createMailer } from '../mail/create-mailer.js';
import { createOrgWithRoles, type OrgWithRoles } from '../test-support/org-with-roles.js';
import { createTestApp, TestClient, type TestApp } from '../test-support/test-app.js';
import { describeEachDialect } from '../test-support/test-database.js';

interface Item {
  id: string;
  text: string;
  masked: boolean;
  status: string;
  sentimentLabel: string;
  topics: string[];
  assigneeId: string | null;
  overdue: boolean;
  canReplyInApp: boolean;
  replyPostedByHand: boolean;
}

const NOW = new Date().toISOString();
const CSV = [
  'Review ID,Reviewer,Rating,Date,Review',
  `r-1,A. Reader,1,${NOW},"We waited two hours and the front desk was rude."`,
  `r-2,B. Writer,5,${NOW},Lovely staff and a clean office.`,
  `r-3,C. Someone,2,${NOW},"They read my SSN 123-45-6789 out loud, terrible billing."`,
].join('\n');

describeEachDialect('reputation API', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  let base: string;
  let items: Item[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    o = await createOrgWithRoles(t, 'rep');
    base = `/api/orgs/${o.orgId}/reputation`;
    const preview = await o.clients.marketer.post(`${base}/imports/preview`, {
      format: 'csv',
      sample: CSV,
    });
    expect(preview.statusCode).toBe(200);
    const { suggested } = preview.json() as { suggested: Record<string, string> };
    const imported = await o.clients.marketer.post(`${base}/imports`, {
      source: 'healthgrades',
      format: 'csv',
      mapping: suggested,
      fileName: 'hg.csv',
      content: CSV,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ created: 3, skipped: 0 });
    const list = await o.clients.viewer.get(`${base}/items`);
    items = (list.json() as { items: Item[] }).items;
  }, 60_000);
  afterAll(async () => t?.close());

  const byText = (needle: string): Item => {
    const found = items.find((i) => i.text.includes(needle));
    if (!found) throw new Error(`no item with ${needle}`);
    return found;
  };

  it('filters the inbox by sentiment, topic, rating and source; the same import again changes nothing', async () => {
    const negative = await o.clients.viewer.get(
      `${base}/items?sentiment=negative&topic=wait_time&rating=1&source=healthgrades`,
    );
    expect((negative.json() as { items: Item[] }).items.map((i) => i.text)).toEqual([
      'We waited two hours and the front desk was rude.',
    ]);
    const none = await o.clients.viewer.get(`${base}/items?source=yelp`);
    expect((none.json() as { items: Item[] }).items).toEqual([]);
    const bad = await o.clients.viewer.get(`${base}/items?rating=9`);
    expect(bad.statusCode).toBe(400);
    const again = await o.clients.marketer.post(`${base}/imports`, {
      source: 'healthgrades',
      format: 'csv',
      mapping: { externalId: 'Review ID', text: 'Review', rating: 'Rating' },
      fileName: 'hg.csv',
      content: CSV,
    });
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect((await o.clients.viewer.post(`${base}/imports`, {})).statusCode).toBe(403);
  });

  it('masks PHI for everyone; unmasking is for oversight roles and is audited', async () => {
    const phi = byText('out loud');
    expect(phi.masked).toBe(true);
    expect(phi.text).not.toContain('6789');
    expect(phi.text).toContain('[SSN hidden]');
    expect((await o.clients.viewer.post(`${base}/items/${phi.id}/unmask`)).statusCode).toBe(403);
    expect((await o.clients.front_desk.post(`${base}/items/${phi.id}/unmask`)).statusCode).toBe(
      403,
    );
    const unmasked = await o.clients.compliance_officer.post(`${base}/items/${phi.id}/unmask`);
    expect(unmasked.statusCode).toBe(200);
    expect((unmasked.json() as Item).text).toContain('123-45-6789');
    const audit = await t.services.database.db
      .selectFrom('auditEvents')
      .select(['actorId', 'targetId', 'details'])
      .where('action', '=', 'review.unmask')
      .where('outcome', '=', 'success')
      .execute();
    expect(audit).toEqual([
      {
        actorId: o.userIds.compliance_officer,
        targetId: phi.id,
        details: JSON.stringify({ categories: ['ssn'] }),
      },
    ]);
    const detail = await o.clients.viewer.get(`${base}/items/${phi.id}`);
    expect((detail.json() as { item: Item }).item.masked).toBe(true);
  });

  it('assigns in bulk, moves states, keeps notes, highlights overdue items; another organization gets 404', async () => {
    const ids = [byText('waited').id, byText('out loud').id];
    const assigned = await o.clients.marketer.post(`${base}/items/bulk`, {
      itemIds: ids,
      assigneeId: o.userIds.front_desk,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(
      (assigned.json() as { items: Item[] }).items.map((i) => [i.status, i.assigneeId]),
    ).toEqual([
      ['assigned', o.userIds.front_desk],
      ['assigned', o.userIds.front_desk],
    ]);
    const mine = await o.clients.front_desk.get(
      `${base}/items?assigneeId=${o.userIds.front_desk}&status=assigned`,
    );
    expect((mine.json() as { items: Item[] }).items).toHaveLength(2);
    expect(
      (await o.clients.front_desk.post(`${base}/items/bulk`, { itemIds: ids, status: 'closed' }))
        .statusCode,
    ).toBe(403);
    const replied = await o.clients.marketer.post(`${base}/items/bulk`, {
      itemIds: ids,
      status: 'replied',
    });
    expect(replied.statusCode).toBe(400);
    const strangerAssignee = await o.clients.marketer.post(`${base}/items/bulk`, {
      itemIds: ids,
      assigneeId: 'nobody',
    });
    expect(strangerAssignee.statusCode).toBe(400);

    const note = await o.clients.front_desk.post(`${base}/items/${ids[0]}/notes`, {
      body: 'Called the office manager.',
    });
    expect(note.statusCode).toBe(201);
    const detail = await o.clients.viewer.get(`${base}/items/${ids[0]}`);
    expect((detail.json() as { notes: { body: string; authorName: string }[] }).notes).toEqual([
      expect.objectContaining({ body: 'Called the office manager.', authorName: 'front_desk rep' }),
    ]);

    await t.services.database.db
      .updateTable('reputationItems')
      .set({ slaDueAt: '2020-01-01T00:00:00.000Z' })
      .where('id', '=', ids[0]!)
      .execute();
    const overdue = await o.clients.viewer.get(`${base}/items?overdue=true`);
    expect((overdue.json() as { items: Item[] }).items.map((i) => [i.id, i.overdue])).toEqual([
      [ids[0], true],
    ]);

    const other = await createOrgWithRoles(t, 'rep2');
    expect(
      (await other.clients.owner.get(`/api/orgs/${other.orgId}/reputation/items/${ids[0]}`))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await other.clients.owner.post(
          `/api/orgs/${other.orgId}/reputation/items/${ids[0]}/notes`,
          { body: 'x' },
        )
      ).statusCode,
    ).toBe(404);
  });

  it('stops a reply that confirms the reviewer is a patient, offers a safe template, and tracks posting by hand', async () => {
    const item = byText('waited');
    const unsafe = await o.clients.front_desk.post(`${base}/items/${item.id}/replies`, {
      text: 'We remember your visit last Tuesday; you were our patient and your treatment went fine.',
      templateId: null,
    });
    expect(unsafe.statusCode).toBe(400);
    const error = (
      unsafe.json() as {
        error: {
          message: string;
          details: {
            findings: { rule: string }[];
            suggestedTemplate: { id: string; text: string };
          };
        };
      }
    ).error;
    expect(error.message).toMatch(/disclose information about a patient/);
    expect(error.details.findings.length).toBeGreaterThan(0);
    expect(error.details.suggestedTemplate.id).toBe('negative_wait');
    expect(error.details.suggestedTemplate.text).toContain('(217) 555-0100');
    const blocked = await t.services.database.db
      .selectFrom('auditEvents')
      .select('outcome')
      .where('action', '=', 'review.reply_blocked')
      .execute();
    expect(blocked).toEqual([{ outcome: 'denied' }]);

    const safe = await o.clients.front_desk.post(`${base}/items/${item.id}/replies`, {
      text: error.details.suggestedTemplate.text,
      templateId: 'negative_wait',
    });
    expect(safe.statusCode, safe.body).toBe(201);
    const reply = safe.json() as { id: string; status: string };
    expect(reply.status).toBe('approved');
    expect(item.canReplyInApp).toBe(false);
    const byHand = await o.clients.front_desk.post(`${base}/replies/${reply.id}/posted-by-hand`);
    expect(byHand.json()).toMatchObject({ status: 'posted_by_hand' });
    const twice = await o.clients.front_desk.post(`${base}/replies/${reply.id}/posted-by-hand`);
    expect(twice.statusCode).toBe(409);
    const detail = (await o.clients.viewer.get(`${base}/items/${item.id}`)).json() as {
      item: Item;
    };
    expect(detail.item).toMatchObject({
      status: 'replied',
      replyPostedByHand: true,
      overdue: false,
    });
  });

  it('holds replies for approval when the organization requires it; nobody approves their own', async () => {
    const settings = await o.clients.owner.put(`${base}/settings`, {
      requireReplyApproval: true,
      slaNegativeHours: 12,
      slaOtherHours: null,
      digestHourUtc: 13,
    });
    expect(settings.statusCode).toBe(200);
    const templates = await o.clients.marketer.get(
      `${base}/items/${byText('Lovely').id}/templates`,
    );
    const { suggested, templates: list } = templates.json() as {
      suggested: string;
      templates: { id: string; text: string }[];
    };
    expect(suggested).toBe('thanks');
    const thanks = list.find((x) => x.id === 'thanks')!;
    const held = await o.clients.marketer.post(`${base}/items/${byText('Lovely').id}/replies`, {
      text: thanks.text,
      templateId: 'thanks',
    });
    const reply = held.json() as { id: string; status: string };
    expect(reply.status).toBe('pending_approval');
    expect(
      (await o.clients.marketer.post(`${base}/replies/${reply.id}/decision`, { approve: true }))
        .statusCode,
    ).toBe(403);
    const approved = await o.clients.admin.post(`${base}/replies/${reply.id}/decision`, {
      approve: true,
    });
    expect(approved.json()).toMatchObject({ status: 'approved' });
    await o.clients.owner.put(`${base}/settings`, {
      requireReplyApproval: false,
      slaNegativeHours: 24,
      slaOtherHours: null,
      digestHourUtc: 13,
    });
  });

  it('accepts Meta webhooks only with a valid X-Hub-Signature-256, and logs a bad one without its body', async () => {
    const appSecret = 'meta-app-secret-0123456789';
    const created = await o.clients.owner.post(`${base}/sources`, {
      mode: 'webhook',
      source: 'facebook',
      name: 'Clinic Page',
      locationId: o.locationId,
      appSecret,
      verifyToken: 'verify-me-please',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { webhookPath } = created.json() as { webhookPath: string };
    const meta = new TestClient(t.app);
    const challenge = await meta.get(
      `${webhookPath}?hub.mode=subscribe&hub.verify_token=verify-me-please&hub.challenge=abc123`,
    );
    expect(challenge.body).toBe('abc123');
    const wrongToken = await meta.get(
      `${webhookPath}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=abc`,
    );
    expect(wrongToken.statusCode).toBe(403);

    const body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: 'page-1',
          time: 1764300000,
          changes: [
            {
              field: 'feed',
              value: {
                item: 'comment',
                verb: 'add',
                comment_id: 'c-1',
                post_id: 'p-1',
                message: 'Secretword billing was wrong again',
                from: { id: 'u1', name: 'Someone' },
                created_time: Math.floor(Date.now() / 1000),
              },
            },
          ],
        },
      ],
    });
    const signature = `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
    const good = await meta.request('POST', webhookPath, {
      rawBody: body,
      headers: { 'x-hub-signature-256': signature },
    });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ created: 1, updated: 0, deleted: 0 });
    const bad = await meta.request('POST', webhookPath, {
      rawBody: body.replace('c-1', 'c-2'),
      headers: { 'x-hub-signature-256': signature },
    });
    expect(bad.statusCode).toBe(401);
    const missing = await meta.request('POST', webhookPath, { rawBody: body });
    expect(missing.statusCode).toBe(401);
    expect(t.logLines.join('\n')).toContain('meta webhook signature rejected');
    expect(t.logLines.join('\n')).not.toContain('Secretword');
    const stored = await t.services.database.db
      .selectFrom('reputationItems')
      .select('externalId')
      .where('source', '=', 'facebook')
      .execute();
    expect(stored).toEqual([{ externalId: 'c-1' }]);
    const rejected = await t.services.database.db
      .selectFrom('auditEvents')
      .select('details')
      .where('action', '=', 'review.webhook_rejected')
      .execute();
    expect(rejected).toHaveLength(2);
    expect(rejected.map((r) => r.details).join()).not.toContain('Secretword');
  });

  it('alerts by signed webhook (JSON and Slack) and by email through a real SMTP server, without the review text', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const hookServer = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push(Buffer.concat(chunks).toString('utf8'));
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    try {
      const json = await o.clients.owner.post(`${base}/webhooks`, {
        url: hookUrl,
        format: 'json',
        level: 'negative',
      });
      const slack = await o.clients.owner.post(`${base}/webhooks`, {
        url: hookUrl,
        format: 'slack',
        level: 'urgent',
      });
      expect(json.statusCode, json.body).toBe(201);
      const { secret } = json.json() as { secret: string };
      expect(
        (
          await o.clients.owner.post(`${base}/webhooks`, {
            url: 'http://example.com/x',
            format: 'json',
            level: 'all',
          })
        ).statusCode,
      ).toBe(400);
      expect(slack.statusCode).toBe(201);

      const csv = `id,text,rating,date\nw-1,"Rude staff, I will call my lawyer",1,${new Date().toISOString()}\n`;
      const imported = await o.clients.marketer.post(`${base}/imports`, {
        source: 'yelp',
        format: 'csv',
        mapping: { externalId: 'id', text: 'text', rating: 'rating', publishedAt: 'date' },
        fileName: null,
        content: csv,
      });
      expect(imported.json()).toMatchObject({ created: 1 });

      const report = await deliverWebhookAlerts(t.services.database.db, {
        box: t.services.box,
        publicUrl: 'https://bedside.test',
      });
      expect(report).toEqual({ sent: 2, failed: 0 });
      const again = await deliverWebhookAlerts(t.services.database.db, {
        box: t.services.box,
        publicUrl: 'https://bedside.test',
      });
      expect(again).toEqual({ sent: 0, failed: 0 });
      const jsonDelivery = received.find((r) => r.body.includes('"event"'))!;
      const signature = webhookSignature(
        secret,
        String(jsonDelivery.headers['x-bedside-timestamp']),
        jsonDelivery.body,
      );
      expect(jsonDelivery.headers['x-bedside-signature']).toBe(signature);
      expect(JSON.parse(jsonDelivery.body)).toMatchObject({
        event: 'review.alert',
        item: { source: 'yelp', rating: 1, urgency: 'high' },
      });
      const slackDelivery = received.find((r) => !r.body.includes('"event"'))!;
      expect(JSON.parse(slackDelivery.body).text).toMatch(
        /^Urgent review on Yelp \(1★\) — <https:\/\/bedside\.test\/inbox\?item=/,
      );
      for (const r of received) expect(r.body).not.toMatch(/lawyer|Rude/);

      const mailer = createMailer({
        kind: 'smtp',
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        from: 'alerts@bedside.test',
      });
      const emailed = await deliverNotificationEmails(t.services.database.db, {
        mailer,
        publicUrl: 'https://bedside.test',
      });
      expect(emailed.sent).toBeGreaterThan(0);
      const alertMails = mails.filter((m) => m.includes('Urgent review on Yelp'));
      expect(alertMails.some((m) => m.includes('To: owner.rep@clinic.test'))).toBe(true);
      for (const m of alertMails) expect(m).not.toMatch(/lawyer|Rude/);
    } finally {
      await new Promise<void>((resolve) => hookServer.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
