import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../test-support/test-app.js';
import { describeEachDialect } from '../test-support/test-database.js';
import { routeTable } from './app.js';

describeEachDialect('API surface', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('reports process and database health', async () => {
    const res = await new TestClient(t.app).get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: 'ok', dialect });
  });

  it('health says unavailable when the database is gone', async () => {
    const other = await createTestApp(dialect);
    await other.testDb.handle.close();
    const res = await new TestClient(other.app).get('/api/health');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
    await other.close();
  });

  it('publishes an OpenAPI 3.1 document describing every route', async () => {
    const res = await new TestClient(t.app).get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of routeTable(t.app).filter((r) => r.url !== '/api/openapi.json')) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(
        doc.paths[path]?.[route.method.toLowerCase()],
        `${route.method} ${path}`,
      ).toBeDefined();
    }
  });

  it('serves browsable docs', async () => {
    const res = await new TestClient(t.app).get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/swagger/i);
  });

  it('sends security headers and no third-party origins in the content security policy', async () => {
    const res = await new TestClient(t.app).get('/api/health');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:\/\//);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });
});
