import type { Role } from '../db/schema.js';
import { addMembership, createOrganization } from '../domain/orgs/create-organization.js';
import { createUser } from '../domain/orgs/create-user.js';
import { roles } from '../domain/policy/policy.js';
import { demoLocation, TestClient, type TestApp } from './test-app.js';

export const TEST_PASSWORD = 'correct horse battery';

export interface OrgWithRoles {
  orgId: string;
  locationId: string;
  clients: Record<Role, TestClient>;
  userIds: Record<Role, string>;
}

/** An organization with one signed-in person for every role. */
export async function createOrgWithRoles(t: TestApp, tag: string): Promise<OrgWithRoles> {
  const { db } = t.services.database;
  const userIds = {} as Record<Role, string>;
  for (const role of roles)
    userIds[role] = (
      await createUser(db, {
        name: `${role} ${tag}`,
        email: `${role}.${tag}@clinic.test`,
        password: TEST_PASSWORD,
      })
    ).id;
  const actor = { userId: userIds.owner, label: 'owner', ip: null };
  const { orgId, locationId } = await db.transaction().execute((tx) =>
    createOrganization(tx, {
      actor,
      ownerId: userIds.owner,
      name: `Practice ${tag}`,
      kind: 'practice',
      location: { ...demoLocation, fax: null },
    }),
  );
  const now = new Date().toISOString();
  for (const role of roles)
    if (role !== 'owner') await addMembership(db, { orgId, userId: userIds[role], role, now });
  const clients = {} as Record<Role, TestClient>;
  for (const role of roles) {
    const client = new TestClient(t.app);
    const res = await client.post('/api/auth/login', {
      email: `${role}.${tag}@clinic.test`,
      password: TEST_PASSWORD,
    });
    if (res.statusCode !== 200) throw new Error(`login as ${role} failed: ${res.body}`);
    clients[role] = client;
  }
  return { orgId, locationId, clients, userIds };
}
