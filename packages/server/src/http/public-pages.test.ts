import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../db/database.js';
import { updatePracticePage } from '../domain/providers/practice-page-settings.js';
import { createOrgWithRoles, type OrgWithRoles } from '../test-support/org-with-roles.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { describeEachDialect } from '../test-support/test-database.js';
import { buildApp, type App } from './app.js';
import { clientAddress, publicPagesOf, type PublicPages } from './public-pages.js';

interface Got {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A plain HTTP GET over a real socket (no automatic decompression, unlike fetch). */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Headers that differ between any two responses (or between sockets), whatever the path. */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
const comparable = (headers: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !PER_CONNECTION.has(name.toLowerCase()))
      .map(([name, value]) => [name.toLowerCase(), String(value)])
      .sort(([a], [b]) => a!.localeCompare(b!)),
  );

async function listen(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

describeEachDialect('public pages: the lean cached path', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  let base: string;
  let pages: PublicPages;
  let providerPath: string;
  const practicePath = '/practices/lean-practice';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    o = await createOrgWithRoles(t, 'lean');
    const api = `/api/orgs/${o.orgId}`;
    const settings = await o.clients.admin.patch(`${api}/public-page`, {
      slug: 'lean-practice',
      description: 'First description.',
    });
    if (settings.statusCode !== 200) throw new Error(settings.body);
    const provider = await o.clients.admin.post(`${api}/providers`, {
      firstName: 'Rosa',
      lastName: 'Lindqvist',
      credentials: 'MD',
      npi: '1904000019',
      userId: null,
    });
    if (provider.statusCode !== 201) throw new Error(provider.body);
    providerPath = `${practicePath}/providers/${provider.json().slug as string}`;
    pages = publicPagesOf(t.app)!;
    base = await listen(t.app);
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers a cached page before Fastify with exactly the headers and bytes of the routes', async () => {
    const first = await get(base, practicePath);
    expect(first.status).toBe(200);
    const before = { ...pages.served };
    for (const path of [practicePath, providerPath]) {
      for (const encoding of [undefined, 'gzip, deflate', 'gzip, deflate, br, zstd']) {
        const headers: Record<string, string> = encoding ? { 'accept-encoding': encoding } : {};
        // app.inject goes straight to Fastify (the routes); a socket request meets the lean path.
        const viaRoutes = await t.app.inject({ method: 'GET', url: path, headers });
        const lean = await get(base, path, headers);
        expect(lean.status).toBe(200);
        expect(comparable(lean.headers)).toEqual(comparable(viaRoutes.headers));
        expect(lean.body.equals(viaRoutes.rawPayload)).toBe(true);
        expect(lean.headers['content-security-policy']).toContain("default-src 'self'");
        expect(lean.headers['x-content-type-options']).toBe('nosniff');
        expect(lean.headers['referrer-policy']).toBe('no-referrer');
        expect(lean.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(lean.headers.vary).toBe('accept-encoding');

        const revalidate = { ...headers, 'if-none-match': String(lean.headers.etag) };
        const notModifiedRoutes = await t.app.inject({
          method: 'GET',
          url: path,
          headers: revalidate,
        });
        const notModified = await get(base, path, revalidate);
        expect(notModified.status).toBe(304);
        expect(notModifiedRoutes.statusCode).toBe(304);
        expect(notModified.body.length).toBe(0);
        expect(comparable(notModified.headers)).toEqual(comparable(notModifiedRoutes.headers));
      }
    }
    expect(pages.served.routes - before.routes).toBeGreaterThanOrEqual(12);
    // On PostgreSQL a version is trusted for a second; a slow request past it goes to the routes.
    if (dialect === 'sqlite') expect(pages.served.lean - before.lean).toBe(12);
    else expect(pages.served.lean - before.lean).toBeGreaterThan(0);
  });

  it('sends HSTS on the lean path too when Bedside is served over https', async () => {
    const secure = await buildApp({
      ...t.services,
      config: { ...t.services.config, publicUrl: 'https://pages.example.test' },
    });
    try {
      const url = await listen(secure);
      const viaRoutes = await get(url, practicePath);
      const lean = await get(url, practicePath);
      expect(viaRoutes.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(comparable(lean.headers)).toEqual(comparable(viaRoutes.headers));
      if (dialect === 'sqlite')
        expect(publicPagesOf(secure)!.served).toEqual({ lean: 1, routes: 1 });
      expect(lean.body.toString()).toContain('https://pages.example.test/practices/lean-practice');
    } finally {
      await secure.close();
    }
  });

  it('sends each encoding the browser accepts, every one the same page', async () => {
    const plain = await get(base, practicePath);
    const gz = await get(base, practicePath, { 'accept-encoding': 'gzip' });
    const br = await get(base, practicePath, { 'accept-encoding': 'br;q=1, gzip;q=0.5' });
    const refused = await get(base, practicePath, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(new Set([plain, gz, br].map((r) => r.headers.etag)).size).toBe(3);
    // The plain page's validator does not revalidate the brotli bytes.
    const mismatch = await get(base, practicePath, {
      'accept-encoding': 'br',
      'if-none-match': String(plain.headers.etag),
    });
    expect(mismatch.status).toBe(200);
  });

  it('serves a changed page on the next request: a change through the API, and one by another process', async () => {
    const before = await get(base, practicePath);
    expect(before.body.toString()).toContain('First description.');
    const changed = await o.clients.admin.patch(`/api/orgs/${o.orgId}/public-page`, {
      description: 'Second description.',
    });
    expect(changed.statusCode).toBe(200);
    const lean = pages.served.lean;
    const after = await get(base, practicePath);
    expect(after.body.toString()).toContain('Second description.');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(pages.served.lean).toBe(lean); // rendered afresh by the routes
    expect((await get(base, practicePath)).body.toString()).toContain('Second description.');
    if (dialect === 'sqlite') expect(pages.served.lean).toBe(lean + 1); // and cached again

    if (dialect === 'sqlite') {
      // Another process: its own connection to the same file. PostgreSQL trusts a version for a
      // second instead (public-page-versions.test.ts), so this case is SQLite's.
      const other = openDatabase(t.testDb.database);
      try {
        await other.db.transaction().execute((tx) =>
          updatePracticePage(tx, {
            actor: { userId: o.userIds.owner, label: 'other process', ip: null },
            orgId: o.orgId,
            publicUrl: t.services.config.publicUrl,
            input: { description: 'Third description.' },
          }),
        );
      } finally {
        await other.close();
      }
      expect((await get(base, practicePath)).body.toString()).toContain('Third description.');
    }
  });

  it('gives unknown, unpublished and malformed addresses to Fastify, which answers as before', async () => {
    await get(base, practicePath); // cached
    const cases: [string, number][] = [
      ['/practices/no-such-practice', 404],
      [`${practicePath}/providers/nobody`, 404],
      ['/practices/Lean-Practice', 400],
      [`${practicePath}/`, 404],
      [`${practicePath}/providers/`, 400],
      [`/practices/${'a'.repeat(81)}`, 400],
      ['/practices/lean%2Dpractice', 200],
      [`${practicePath}?utm_source=x&a[]=1`, 200],
    ];
    for (const [path, status] of cases) {
      const lean = await get(base, path);
      const viaRoutes = await t.app.inject({ method: 'GET', url: path });
      expect([path, lean.status]).toEqual([path, status]);
      expect([path, viaRoutes.statusCode]).toEqual([path, status]);
    }
    const head = await new Promise<number>((resolve, reject) =>
      httpRequest(`${base}${practicePath}`, { method: 'HEAD', agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end(),
    );
    expect(head).toBe(200);
    const post = await t.app.inject({ method: 'POST', url: practicePath, payload: 'x' });
    expect(post.statusCode).toBe(404);

    await o.clients.admin.patch(`/api/orgs/${o.orgId}/public-page`, { published: false });
    expect((await get(base, practicePath)).status).toBe(404);
    expect((await get(base, providerPath)).status).toBe(404);
    await o.clients.admin.patch(`/api/orgs/${o.orgId}/public-page`, { published: true });
    expect((await get(base, practicePath)).status).toBe(200);
  });

  it('limits each client address on both paths together, and tells when to come back', async () => {
    // A second app on the same database: limit 3 a minute, behind a proxy that names the client.
    const limited = await buildApp({
      ...t.services,
      config: {
        ...t.services.config,
        trustProxy: true,
        publicPages: { rateLimitPerMinute: 3 },
      },
    });
    try {
      const url = await listen(limited);
      const from = (address: string) => ({ 'x-forwarded-for': `${address}, 10.9.9.9` });
      const limitedPages = publicPagesOf(limited)!;
      // First view: the routes render it; the next two are the lean path's; the fourth is over.
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1)
        statuses.push((await get(url, practicePath, from('203.0.113.7'))).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      if (dialect === 'sqlite') expect(limitedPages.served).toEqual({ lean: 2, routes: 1 });
      const over = await get(url, practicePath, from('203.0.113.7'));
      expect(over.status).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(over.body.toString()).error.code).toBe('rate_limited');
      // Another address has its own count; so does a provider page on the same one.
      expect((await get(url, practicePath, from('198.51.100.20'))).status).toBe(200);
      expect((await get(url, providerPath, from('203.0.113.7'))).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('logs a view it answers as Fastify does, without the address or the page', async () => {
    await get(base, practicePath);
    const lean = pages.served.lean;
    const lines = t.logLines.length;
    expect((await get(base, practicePath)).status).toBe(200);
    if (pages.served.lean === lean) return; // PostgreSQL past its trust second: the routes logged it
    const logged = t.logLines.slice(lines).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ msg: 'request completed', res: { statusCode: 200 } });
    expect(logged[0]!.reqId).toEqual(expect.any(String));
    expect(t.logLines.slice(lines).join('')).not.toMatch(/lean-practice|127\.0\.0\.1/);
  });

  it('reads the client address the way Fastify does, with and without a trusted proxy', () => {
    const req = (xff: string | undefined) =>
      ({
        headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
        socket: { remoteAddress: '127.0.0.1' },
      }) as unknown as Parameters<typeof clientAddress>[0];
    expect(clientAddress(req('203.0.113.7, 10.0.0.1'), true)).toBe('203.0.113.7');
    expect(clientAddress(req('203.0.113.7, 10.0.0.1'), false)).toBe('127.0.0.1');
    expect(clientAddress(req(undefined), true)).toBe('127.0.0.1');
    expect(clientAddress(req(' , '), true)).toBe('127.0.0.1');
  });
});
