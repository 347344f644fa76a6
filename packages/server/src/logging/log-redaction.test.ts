import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestApp,
  setUpOrganization,
  TestClient,
  type TestApp,
} from '../test-support/test-app.js';
import { describeEachDialect } from '../test-support/test-database.js';

// Synthetic PHI-looking values; none may appear in any log line.
const PHI = {
  name: 'Marisol Quintanilla-Fairweather',
  email: 'marisol.q.fairweather@patientmail.test',
  ssn: '219-09-9999',
  mrn: 'MRN 00488213',
  dob: '04/17/1948',
  phone: '(312) 555-0199',
  password: 'secret passphrase 8812',
};

describeEachDialect('logs carry no PHI or secrets', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('pushes PHI-looking input through the API and finds none of it in the log', async () => {
    const { owner, orgId } = await setUpOrganization(t);
    const anon = new TestClient(t.app);
    await anon.post('/api/auth/login', { email: PHI.email, password: PHI.password });
    await anon.request('POST', '/api/auth/login', {
      rawBody: `{"email": "${PHI.email}", "password": "${PHI.password}"`,
    });
    await anon.post('/api/auth/password-reset/request', { email: PHI.email });
    await owner.post(`/api/orgs/${orgId}/invitations`, { email: PHI.email, role: 'viewer' });
    await owner.post(`/api/orgs/${orgId}/invitations`, {
      email: PHI.email,
      role: 'viewer',
      note: PHI.name,
    });
    await owner.post(`/api/orgs/${orgId}/guard/check`, {
      text: `Our patient ${PHI.name} (${PHI.mrn}, DOB ${PHI.dob}, SSN ${PHI.ssn}) called from ${PHI.phone}`,
      kind: 'post',
    });
    await owner.get(
      `/api/orgs/${orgId}/audit?action=${encodeURIComponent(PHI.name)}&actorId=${encodeURIComponent(PHI.ssn)}`,
    );
    await owner.get(`/api/invitations/${'x'.repeat(40)}`);
    await owner.patch('/api/me', { name: PHI.name });
    const log = t.logLines.join('\n');
    expect(t.logLines.length).toBeGreaterThan(10);
    for (const [kind, value] of Object.entries(PHI)) expect(log, kind).not.toContain(value);
    expect(log).not.toMatch(/bedside_session=|_csrf=/);
    expect(log).not.toContain('x'.repeat(40));
  });
});
