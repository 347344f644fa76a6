import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../../http/app.js';
import { createTestApp, type TestApp, TestClient } from '../../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { describeEachDialect } from '../../test-support/test-database.js';

/** A local stand-in for the NPPES registry API v2.1, answering in its JSON shape. */
function fakeRegistry(): Promise<{ server: Server; url: string; asked: string[] }> {
  const asked: string[] = [];
  const results: Record<string, unknown> = {
    '1904000019': {
      number: '1904000019',
      enumeration_type: 'NPI-1',
      basic: { first_name: 'AMELIA', last_name: 'HART', credential: 'M.D.', status: 'A' },
      addresses: [
        {
          address_purpose: 'MAILING',
          address_1: 'PO BOX 1',
          city: 'PORTLAND',
          state: 'OR',
          postal_code: '97209',
          telephone_number: '503-555-0100',
        },
        {
          address_purpose: 'LOCATION',
          address_1: '1200 NW EVERETT ST',
          city: 'PORTLAND',
          state: 'OR',
          postal_code: '972091234',
          telephone_number: '503-555-0142',
        },
      ],
      taxonomies: [
        {
          code: '207Q00000X',
          desc: 'Family Medicine',
          primary: true,
          state: 'OR',
          license: 'MD-SYN-10421',
        },
      ],
    },
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const npi = url.searchParams.get('number') ?? '';
    asked.push(`${url.searchParams.get('version')}:${npi}`);
    res.setHeader('content-type', 'application/json');
    if (npi === '1904000027') {
      res.statusCode = 500;
      res.end('{}');
      return;
    }
    const result = results[npi];
    res.end(
      JSON.stringify(
        result ? { result_count: 1, results: [result] } : { result_count: 0, results: [] },
      ),
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
        asked,
      }),
    ),
  );
}

describeEachDialect(
  'NPPES registry API adapter (off by default, against a local fake)',
  (dialect) => {
    let t: TestApp;
    let o: OrgWithRoles;
    let fake: Awaited<ReturnType<typeof fakeRegistry>>;
    let withApi: App;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      o = await createOrgWithRoles(t, 'n');
      fake = await fakeRegistry();
      withApi = await buildApp({
        ...t.services,
        config: { ...t.services.config, nppesApiUrl: fake.url },
      });
      await withApi.ready();
      await o.clients.admin.post(`/api/orgs/${o.orgId}/providers`, {
        firstName: 'Amelia',
        lastName: 'Hart',
        credentials: '',
        npi: '1904000019',
        userId: null,
      });
    }, 120_000);
    afterAll(async () => {
      await withApi?.close();
      fake?.server.close();
      await t?.close();
    });

    it('is off unless configured', async () => {
      const res = await o.clients.admin.post(`/api/orgs/${o.orgId}/providers/import/nppes-api`, {
        addNpis: [],
        apply: false,
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.message).toMatch(/lookup is off/);
      expect(fake.asked).toEqual([]);
    });

    it("looks up the practice's NPIs, maps the registry's answer, and applies it", async () => {
      const admin = new TestClient(withApi);
      await admin.post('/api/auth/login', {
        email: 'admin.n@clinic.test',
        password: 'correct horse battery',
      });
      const preview = await admin.post(`/api/orgs/${o.orgId}/providers/import/nppes-api`, {
        addNpis: [],
        apply: false,
      });
      expect(preview.statusCode).toBe(200);
      expect(fake.asked).toEqual(['2.1:1904000019']);
      const row = preview.json().rows[0];
      expect(row.action).toBe('update');
      expect(row.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'credentials',
        'licences',
        'taxonomies',
      ]);
      const applied = await admin.post(`/api/orgs/${o.orgId}/providers/import/nppes-api`, {
        addNpis: [],
        apply: true,
      });
      expect(applied.json().rows[0].outcome).toBe('applied');
      const providers = (await admin.get(`/api/orgs/${o.orgId}/providers`)).json().providers;
      expect(providers[0]).toMatchObject({
        credentials: 'MD',
        taxonomies: [{ code: '207Q00000X', primary: true }],
        licences: [{ state: 'OR', number: 'MD-SYN-10421', expiresOn: null }],
      });
    });

    it('a registry failure is reported and nothing is imported', async () => {
      const admin = new TestClient(withApi);
      await admin.post('/api/auth/login', {
        email: 'admin.n@clinic.test',
        password: 'correct horse battery',
      });
      const before = (await admin.get(`/api/orgs/${o.orgId}/providers`)).json().providers.length;
      const res = await admin.post(`/api/orgs/${o.orgId}/providers/import/nppes-api`, {
        addNpis: ['1904000027'],
        apply: true,
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.message).toMatch(/HTTP 500/);
      expect((await admin.get(`/api/orgs/${o.orgId}/providers`)).json().providers.length).toBe(
        before,
      );
    });
  },
);
