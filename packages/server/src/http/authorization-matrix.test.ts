import { afterAll, beforeAll, expect, it } from 'vitest';
import { can, roles } from '../domain/policy/policy.js';
import { createTestApp, TestClient, type TestApp } from '../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../test-support/org-with-roles.js';
import { describeEachDialect } from '../test-support/test-database.js';
import { routeTable, type RouteEntry } from './app.js';

const ORG_NOT_FOUND = 'The organization was not found.';

function path(route: RouteEntry, orgId: string): string {
  return route.url.replace(':orgId', orgId).replace(/:([A-Za-z]+)/g, 'nonexistent-$1');
}

describeEachDialect(
  'authorization matrix: every route × every role × own / other organization',
  (dialect) => {
    let t: TestApp;
    let a: OrgWithRoles;
    let b: OrgWithRoles;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      a = await createOrgWithRoles(t, 'a');
      b = await createOrgWithRoles(t, 'b');
    }, 120_000);
    afterAll(async () => t?.close());

    it('every API route declares its access', () => {
      const routes = routeTable(t.app);
      expect(routes.length).toBeGreaterThan(20);
      for (const route of routes)
        expect(route.access, `${route.method} ${route.url}`).toBeDefined();
    });

    it('organization routes: allowed roles pass the policy, others get 403, and another organization does not exist', async () => {
      const orgRoutes = routeTable(t.app).filter((r) => r.access?.kind === 'org');
      expect(orgRoutes.length).toBeGreaterThan(10);
      for (const route of orgRoutes) {
        const action = route.access?.kind === 'org' ? route.access.action : 'org.read';
        for (const role of roles) {
          const own = await a.clients[role].request(
            route.method,
            path(route, a.orgId),
            route.hasBody ? { body: {} } : {},
          );
          const label = `${role} ${route.method} ${route.url} → ${own.statusCode} ${own.body.slice(0, 120)}`;
          if (can(role, action)) {
            expect(own.statusCode, label).not.toBe(403);
            expect(own.statusCode, label).not.toBe(401);
            if (own.statusCode === 404)
              expect(own.json().error.message, label).not.toBe(ORG_NOT_FOUND);
          } else {
            expect(own.statusCode, label).toBe(403);
            expect(own.json().error.code, label).toBe('forbidden');
          }
          const other = await a.clients[role].request(
            route.method,
            path(route, b.orgId),
            route.hasBody ? { body: {} } : {},
          );
          expect(other.statusCode, `${role} → other org ${route.method} ${route.url}`).toBe(404);
          expect(other.json().error.message).toBe(ORG_NOT_FOUND);
        }
        const anonymous = await new TestClient(t.app).request(
          route.method,
          path(route, a.orgId),
          route.hasBody ? { body: {} } : {},
        );
        expect(anonymous.statusCode, `anonymous ${route.method} ${route.url}`).toBe(401);
      }
    }, 120_000);

    it('session routes need a session; public routes do not', async () => {
      for (const route of routeTable(t.app).filter((r) => r.access?.kind === 'session')) {
        const res = await new TestClient(t.app).request(
          route.method,
          path(route, a.orgId),
          route.hasBody ? { body: {} } : {},
        );
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      }
      for (const route of routeTable(t.app).filter(
        (r) => r.access?.kind === 'public' && r.method === 'GET' && !r.url.includes(':'),
      )) {
        const res = await new TestClient(t.app).request(route.method, route.url);
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(200);
      }
    });

    it('denials are recorded in the audit trail', async () => {
      await a.clients.viewer.get(`/api/orgs/${a.orgId}/audit`);
      const denied = await t.services.database.db
        .selectFrom('auditEvents')
        .selectAll()
        .where('orgId', '=', a.orgId)
        .where('outcome', '=', 'denied')
        .where('action', '=', 'audit.read')
        .execute();
      expect(denied.length).toBeGreaterThan(0);
    });

    it('a role change is re-checked on the next request', async () => {
      expect((await a.clients.marketer.get(`/api/orgs/${a.orgId}/members`)).statusCode).toBe(403);
      const promote = await a.clients.owner.patch(
        `/api/orgs/${a.orgId}/members/${a.userIds.marketer}`,
        { role: 'admin' },
      );
      expect(promote.statusCode).toBe(200);
      expect((await a.clients.marketer.get(`/api/orgs/${a.orgId}/members`)).statusCode).toBe(200);
      await a.clients.owner.patch(`/api/orgs/${a.orgId}/members/${a.userIds.marketer}`, {
        role: 'marketer',
      });
    });

    it('an admin cannot make anyone an owner or demote the owner', async () => {
      const res = await a.clients.admin.patch(`/api/orgs/${a.orgId}/members/${a.userIds.viewer}`, {
        role: 'owner',
      });
      expect(res.statusCode).toBe(403);
      const demote = await a.clients.admin.patch(
        `/api/orgs/${a.orgId}/members/${a.userIds.owner}`,
        { role: 'viewer' },
      );
      expect(demote.statusCode).toBe(403);
    });

    it('the last owner cannot be demoted', async () => {
      const res = await a.clients.owner.patch(`/api/orgs/${a.orgId}/members/${a.userIds.owner}`, {
        role: 'admin',
      });
      expect(res.statusCode).toBe(409);
    });
  },
);
