import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { describeEachDialect } from '../../test-support/test-database.js';
import { remindExpiringLicences } from './licence-reminders.js';

describeEachDialect('licence expiry reminders', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  let providerId: string;
  const now = new Date('2027-05-01T08:00:00Z');
  const notifications = () =>
    t.services.database.db
      .selectFrom('notifications')
      .select(['userId', 'title', 'body', 'emailStatus'])
      .where('orgId', '=', o.orgId)
      .where('kind', '=', 'provider.licence_expiring')
      .execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    o = await createOrgWithRoles(t, 'l');
    const base = `/api/orgs/${o.orgId}`;
    const res = await o.clients.admin.post(`${base}/providers`, {
      firstName: 'Amelia',
      lastName: 'Hart',
      credentials: 'MD',
      npi: '1904000019',
      userId: o.userIds.clinician,
    });
    providerId = res.json().id;
    await o.clients.clinician.patch(`${base}/providers/${providerId}`, {
      licences: [
        { state: 'OR', number: 'MD-SYN-10421', expiresOn: '2027-06-15' },
        { state: 'WA', number: 'MD-SYN-77', expiresOn: '2028-01-31' },
        { state: 'CA', number: 'A-SYN-1', expiresOn: null },
      ],
    });
  }, 120_000);
  afterAll(async () => t?.close());

  it('tells the clinician and the managers once about a licence expiring within 60 days', async () => {
    expect(await remindExpiringLicences(t.services.database.db, now)).toBe(1);
    const sent = await notifications();
    expect(sent.map((n) => n.userId).sort()).toEqual(
      [o.userIds.admin, o.userIds.clinician, o.userIds.owner].sort(),
    );
    expect(sent[0]).toMatchObject({
      title: 'Amelia Hart, MD: OR licence expires soon',
      body: 'The OR licence of Amelia Hart, MD expires on 2027-06-15. Update the profile once it is renewed.',
      emailStatus: 'pending',
    });
    expect(await remindExpiringLicences(t.services.database.db, now)).toBe(0);
    expect(await notifications()).toHaveLength(3);
  });

  it('reminds again for a renewed licence and keeps the mark of an unchanged one', async () => {
    await o.clients.clinician.patch(`/api/orgs/${o.orgId}/providers/${providerId}`, {
      licences: [
        { state: 'OR', number: 'MD-SYN-10421', expiresOn: '2027-06-15' },
        { state: 'WA', number: 'MD-SYN-77', expiresOn: '2027-06-01' },
        { state: 'CA', number: 'A-SYN-1', expiresOn: null },
      ],
    });
    expect(await remindExpiringLicences(t.services.database.db, now)).toBe(1);
    const later = new Date('2027-07-01T08:00:00Z');
    await o.clients.clinician.patch(`/api/orgs/${o.orgId}/providers/${providerId}`, {
      licences: [{ state: 'OR', number: 'MD-SYN-10421', expiresOn: '2027-06-16' }],
    });
    expect(await remindExpiringLicences(t.services.database.db, later)).toBe(1);
    const titles = (await notifications()).map((n) => n.title);
    expect(titles).toContain('Amelia Hart, MD: OR licence expired');
    const audit = await t.services.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('orgId', '=', o.orgId)
      .where('action', '=', 'provider.licence_reminder_sent')
      .execute();
    expect(audit).toHaveLength(3);
  });
});
