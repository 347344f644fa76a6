import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage, Mailer } from '../../mail/mailer.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { createTestApp, TestClient, type TestApp } from '../../test-support/test-app.js';
import { describeEachDialect } from '../../test-support/test-database.js';
import { deliverNotificationEmails } from './deliver-notification-emails.js';
import { notify } from './notify.js';

const publicUrl = 'https://bedside.example.test';

describeEachDialect('notifications', (dialect) => {
  let t: TestApp;
  let a: OrgWithRoles;
  let b: OrgWithRoles;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    a = await createOrgWithRoles(t, 'na');
    b = await createOrgWithRoles(t, 'nb');
  });
  afterAll(() => t.close());

  const db = () => t.services.database.db;

  it('tells each person of the audience once, in their organization only', async () => {
    const told = await notify(db(), {
      orgId: a.orgId,
      audience: { roles: ['owner', 'compliance_officer'], userIds: [a.userIds.owner] },
      kind: 'test.audience',
      title: 'Reconnect Mastodon',
      body: 'The Portland Mastodon account needs reconnecting.',
      link: '/settings/channels',
    });
    expect(told).toEqual([a.userIds.owner, a.userIds.compliance_officer].sort());

    const owner = await a.clients.owner.get(`/api/orgs/${a.orgId}/notifications`);
    expect(owner.statusCode).toBe(200);
    const body = owner.json() as {
      notifications: { title: string; read: boolean }[];
      unread: number;
    };
    expect(body.unread).toBe(1);
    expect(body.notifications[0]).toMatchObject({ title: 'Reconnect Mastodon', read: false });

    const marketer = await a.clients.marketer.get(`/api/orgs/${a.orgId}/notifications`);
    expect((marketer.json() as { unread: number }).unread).toBe(0);
    const otherOrg = await b.clients.owner.get(`/api/orgs/${b.orgId}/notifications`);
    expect((otherOrg.json() as { unread: number }).unread).toBe(0);
  });

  it('refuses a link that leaves the app', async () => {
    await expect(
      notify(db(), {
        orgId: a.orgId,
        audience: { roles: ['owner'] },
        kind: 'test.link',
        title: 'x',
        body: 'y',
        link: 'https://evil.example/',
      }),
    ).rejects.toThrow(/inside the app/);
  });

  it('marks read by id and all; another person cannot mark mine', async () => {
    await notify(db(), {
      orgId: a.orgId,
      audience: { roles: ['admin'] },
      kind: 'test.read',
      title: 'One',
      body: 'first',
    });
    await notify(db(), {
      orgId: a.orgId,
      audience: { roles: ['admin'] },
      kind: 'test.read',
      title: 'Two',
      body: 'second',
    });
    const list = (await a.clients.admin.get(`/api/orgs/${a.orgId}/notifications`)).json() as {
      notifications: { id: string; title: string }[];
      unread: number;
    };
    expect(list.unread).toBe(2);
    const first = list.notifications.find((n) => n.title === 'One')!;

    const stranger = await a.clients.owner.post(`/api/orgs/${a.orgId}/notifications/read`, {
      ids: [first.id],
    });
    expect(stranger.json()).toEqual({ marked: 0 });

    const mine = await a.clients.admin.post(`/api/orgs/${a.orgId}/notifications/read`, {
      ids: [first.id],
    });
    expect(mine.json()).toEqual({ marked: 1 });
    const all = await a.clients.admin.post(`/api/orgs/${a.orgId}/notifications/read`, {
      all: true,
    });
    expect(all.json()).toEqual({ marked: 1 });
    const after = (await a.clients.admin.get(`/api/orgs/${a.orgId}/notifications`)).json() as {
      unread: number;
    };
    expect(after.unread).toBe(0);
  });

  it('rejects bad input with a clear error', async () => {
    for (const body of [{}, { ids: [] }, { all: false }, { ids: 'x' }, { all: true, ids: ['a'] }]) {
      const res = await a.clients.admin.post(`/api/orgs/${a.orgId}/notifications/read`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const limit = await a.clients.admin.get(`/api/orgs/${a.orgId}/notifications?limit=1000`);
    expect(limit.statusCode).toBe(400);
    const anonymous = await new TestClient(t.app).get(`/api/orgs/${a.orgId}/notifications`);
    expect(anonymous.statusCode).toBe(401);
  });

  it('mails after commit only, once per row, and retries a failing mailer', async () => {
    await db()
      .transaction()
      .execute(async (tx) => {
        await notify(tx, {
          orgId: b.orgId,
          audience: { roles: ['front_desk'] },
          kind: 'test.rollback',
          title: 'Never sent',
          body: 'rolled back',
          email: true,
        });
        throw new Error('roll back');
      })
      .catch(() => undefined);

    await notify(db(), {
      orgId: b.orgId,
      audience: { roles: ['compliance_officer'] },
      kind: 'consent.revoked',
      title: 'An authorization was revoked',
      body: 'Two scheduled posts went back to draft.',
      link: '/consents',
      email: true,
    });

    let failing = true;
    const sent: MailMessage[] = [];
    const mailer: Mailer = {
      outboxDir: null,
      async send(message) {
        if (failing) throw new Error('SMTP down');
        sent.push(message);
      },
    };
    expect(await deliverNotificationEmails(db(), { mailer, publicUrl })).toEqual({
      sent: 0,
      failed: 1,
    });
    failing = false;
    expect(await deliverNotificationEmails(db(), { mailer, publicUrl })).toEqual({
      sent: 1,
      failed: 0,
    });
    expect(await deliverNotificationEmails(db(), { mailer, publicUrl })).toEqual({
      sent: 0,
      failed: 0,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('compliance_officer.nb@clinic.test');
    expect(sent[0]!.subject).toContain('An authorization was revoked');
    expect(sent[0]!.text).toContain(`${publicUrl}/consents`);
    expect(sent.some((m) => m.text.includes('rolled back'))).toBe(false);
  });

  it('two deliverers running at once send each email once', async () => {
    await notify(db(), {
      orgId: b.orgId,
      audience: { roles: ['owner', 'admin', 'marketer', 'viewer'] },
      kind: 'test.concurrent',
      title: 'Concurrent',
      body: 'four people',
      email: true,
    });
    const sent: string[] = [];
    const mailer: Mailer = {
      outboxDir: null,
      async send(message) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        sent.push(message.to);
      },
    };
    await Promise.all([
      deliverNotificationEmails(db(), { mailer, publicUrl }),
      deliverNotificationEmails(db(), { mailer, publicUrl }),
    ]);
    expect(sent.sort()).toEqual(
      ['admin.nb', 'marketer.nb', 'owner.nb', 'viewer.nb'].map((p) => `${p}@clinic.test`),
    );
  });
});

describe('notification emails', () => {
  it('never mail without a recipient', async () => {
    // A notify with an empty audience tells nobody and writes nothing.
    const calls: unknown[] = [];
    const fakeDb = {
      selectFrom: () => {
        calls.push('select');
        throw new Error('should not query');
      },
    } as never;
    expect(
      await notify(fakeDb, { orgId: 'o', audience: {}, kind: 'k', title: 't', body: 'b' }),
    ).toEqual([]);
    expect(calls).toEqual([]);
  });
});
