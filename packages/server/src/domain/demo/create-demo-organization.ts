import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import { systemActor } from '../audit/audit-types.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { addMembership, createOrganization } from '../orgs/create-organization.js';
import { createDemoAuthorizations } from '../consents/demo-authorizations.js';
import { createUser } from '../orgs/create-user.js';
import { createLocation } from '../orgs/locations.js';
import { createDemoPosts } from '../posts/demo-posts.js';
import { createDemoProviders } from '../providers/demo-providers.js';
import { createDemoReviews } from '../reputation/demo-reviews.js';

export interface DemoAccount {
  role: Role;
  name: string;
  email: string;
  password: string;
}

const people: { role: Role; name: string; local: string }[] = [
  { role: 'owner', name: 'Dana Whitfield', local: 'owner' },
  { role: 'admin', name: 'Marcus Lee', local: 'admin' },
  { role: 'marketer', name: 'Priya Raman', local: 'marketer' },
  { role: 'compliance_officer', name: 'Helen Okafor', local: 'compliance' },
  { role: 'front_desk', name: 'Tomás Rivera', local: 'frontdesk' },
  { role: 'viewer', name: 'Grace Kim', local: 'viewer' },
  { role: 'clinician', name: 'Dr. Amelia Hart', local: 'dr.hart' },
  { role: 'clinician', name: 'Dr. Samuel Osei', local: 'dr.osei' },
  { role: 'clinician', name: 'Dr. Lucia Moreno', local: 'dr.moreno' },
  { role: 'clinician', name: 'Dr. Benjamin Clarke', local: 'dr.clarke' },
  { role: 'clinician', name: 'Nina Patel, NP', local: 'n.patel' },
  { role: 'clinician', name: 'Ethan Brooks, PA-C', local: 'e.brooks' },
];

/**
 * A realistic demo practice group: two offices in different time zones, six providers (clinicians),
 * a person for every role, each with a fresh random password, and 90 days of reviews and mentions
 * in the inbox. All of it is fictional.
 */
export async function createDemoOrganization(
  db: DbOrTx,
  /** `reviews: false` leaves the inbox empty (browser journeys that import their own reviews). */
  options: { domain?: string; reviews?: boolean } = {},
): Promise<{ orgId: string; accounts: DemoAccount[] }> {
  const domain = options.domain ?? 'demo.bedside.test';
  const accounts: DemoAccount[] = people.map((p) => ({
    role: p.role,
    name: p.name,
    email: `${p.local}@${domain}`,
    password: randomBytes(9).toString('base64url'),
  }));
  const ids: string[] = [];
  for (const account of accounts) ids.push((await createUser(db, account)).id);
  const owner = { userId: ids[0]!, label: accounts[0]!.email, ip: null };
  const { orgId, locationId } = await createOrganization(db, {
    actor: owner,
    ownerId: ids[0]!,
    name: 'Riverbend Family Health',
    kind: 'practice',
    location: {
      name: 'Riverbend Family Health — Portland',
      address: '1200 NW Everett St, Suite 300',
      city: 'Portland',
      state: 'OR',
      zip: '97209',
      phone: '(503) 555-0142',
      fax: '(503) 555-0143',
      timeZone: 'America/Los_Angeles',
    },
  });
  await createLocation(db, {
    actor: owner,
    orgId,
    input: {
      name: 'Riverbend Family Health — Denver',
      address: '455 Sherman St, Floor 2',
      city: 'Denver',
      state: 'CO',
      zip: '80203',
      phone: '(303) 555-0178',
      fax: null,
      timeZone: 'America/Denver',
    },
  });
  const now = new Date().toISOString();
  for (const [index, account] of accounts.entries()) {
    if (index === 0) continue;
    await addMembership(db, { orgId, userId: ids[index]!, role: account.role, now });
    await recordAuditEvent(db, {
      orgId,
      actor: systemActor,
      action: 'member.role_granted',
      target: { type: 'user', id: ids[index]! },
      details: { role: account.role, via: 'demo' },
    });
  }
  await createDemoProviders(db, {
    actor: owner,
    orgId,
    userIdByLocal: new Map(people.map((p, i) => [p.local, ids[i]!])),
  });
  const marketer = people.findIndex((p) => p.role === 'marketer');
  await createDemoPosts(db, {
    orgId,
    locationId,
    owner,
    marketer: { userId: ids[marketer]!, label: accounts[marketer]!.email, ip: null },
  });
  await createDemoAuthorizations(db, { orgId, actor: owner });
  const idOf = (role: Role) => ids[people.findIndex((p) => p.role === role)]!;
  if (options.reviews !== false)
    await createDemoReviews(db, {
      orgId,
      repliedBy: idOf('front_desk'),
      assignees: [idOf('front_desk'), idOf('marketer')],
    });
  return { orgId, accounts };
}
