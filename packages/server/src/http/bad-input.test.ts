import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../test-support/org-with-roles.js';
import { describeEachDialect } from '../test-support/test-database.js';
import { routeTable } from './app.js';
import { defaultAuthorizationTemplate } from '../domain/consents/default-template.js';
import { paperElements } from '../domain/consents/record-paper-authorization.js';

/** A valid authorization request (synthetic patient) for the consents routes. */
const consentRequestSample = {
  patient: { name: 'Robin Testpatient', contact: { kind: 'email', email: 'robin@example.test' } },
  contentTypes: ['text'],
  contentDescription: 'My written review.',
  networks: ['mastodon'],
  purpose: 'To share my experience.',
  expiry: { kind: 'date', date: '2099-12-31' },
  delivery: 'email',
};

/**
 * A valid body for every route that takes one. A new route with a body must add one here, or
 * the completeness test fails: that is how every route gets the bad-input treatment.
 */
function validBodies(o: OrgWithRoles): Record<string, unknown> {
  const location = {
    name: 'Eastside',
    address: '9 Elm St',
    city: 'Springfield',
    state: 'IL',
    zip: '62702',
    phone: '(217) 555-0190',
    timeZone: 'America/Chicago',
  };
  return {
    'POST /api/setup': {
      owner: { name: 'A', email: 'a@b.test', password: 'long enough password' },
      organization: { name: 'X' },
      location,
    },
    'POST /api/auth/login': { email: 'viewer.a@clinic.test', password: 'not the password' },
    'POST /api/auth/password-reset/request': { email: 'nobody@clinic.test' },
    'POST /api/auth/password-reset/confirm': {
      token: 'not-a-real-token-at-all',
      password: 'long enough password',
    },
    'POST /api/auth/totp/enable': { code: '123456' },
    'POST /api/auth/totp/disable': { password: 'not the password' },
    'PATCH /api/me': { name: 'New Name' },
    'POST /api/me/password': {
      currentPassword: 'not the password',
      newPassword: 'long enough password',
    },
    'PATCH /api/orgs/:orgId': { name: 'Renamed' },
    'POST /api/orgs/:orgId/locations': location,
    'POST /api/orgs/:orgId/reputation/items/bulk': { itemIds: ['x'], status: 'closed' },
    'POST /api/orgs/:orgId/reputation/items/:itemId/notes': { body: 'Call back tomorrow' },
    'POST /api/orgs/:orgId/reputation/items/:itemId/replies': {
      text: 'Thank you',
      templateId: null,
    },
    'POST /api/orgs/:orgId/reputation/replies/:replyId/decision': { approve: true },
    'POST /api/orgs/:orgId/reputation/sources': { mode: 'poll', channelId: 'x' },
    'POST /api/orgs/:orgId/reputation/sources/:sourceId/enabled': { enabled: false },
    'POST /api/orgs/:orgId/reputation/imports/preview': {
      format: 'csv',
      sample: 'id,text\n1,Kind\n',
    },
    'POST /api/orgs/:orgId/reputation/imports': {
      source: 'yelp',
      format: 'csv',
      mapping: { text: 'text' },
      fileName: null,
      content: 'text\nKind staff\n',
    },
    'POST /api/orgs/:orgId/reputation/imports/email': {
      source: 'yelp',
      locationId: null,
      content: 'From: a@yelp.com\r\n\r\nA review',
    },
    'PUT /api/orgs/:orgId/reputation/settings': {
      requireReplyApproval: false,
      slaNegativeHours: 24,
      slaOtherHours: null,
      digestHourUtc: 13,
    },
    'PUT /api/orgs/:orgId/reputation/alert-preferences': {
      level: 'negative',
      email: true,
      inApp: true,
      digest: true,
    },
    'POST /api/orgs/:orgId/reputation/webhooks': {
      url: 'https://hooks.example.test/x',
      format: 'json',
      level: 'negative',
    },
    'POST /api/webhooks/meta/:sourceId': { object: 'page', entry: [] },
    'PATCH /api/orgs/:orgId/locations/:locationId': { name: 'Renamed' },
    'PATCH /api/orgs/:orgId/members/:userId': { role: 'viewer' },
    'POST /api/orgs/:orgId/invitations': { email: 'someone@clinic.test', role: 'viewer' },
    'POST /api/invitations/:token/accept': { name: 'Someone', password: 'long enough password' },
    'POST /api/orgs/:orgId/guard/check': { text: 'Hello', kind: 'post' },
    'POST /api/orgs/:orgId/notifications/read': { all: true },
    'POST /api/orgs/:orgId/posts/:postId/schedule': { localTime: '2030-01-15T09:00' },
    'POST /api/orgs/:orgId/targets/:targetId/resolve': { resolution: 'retry' },
    'PUT /api/orgs/:orgId/channels/:channelId/queue': {
      slots: [{ weekday: 1, localTime: '09:00' }],
    },
    'POST /api/orgs/:orgId/channels/bluesky': {
      locationId: o.locationId,
      identifier: 'clinic.test',
      appPassword: 'abcd-efgh-ijkl-mnop',
      service: 'http://127.0.0.1:9',
    },
    'POST /api/orgs/:orgId/channels/bluesky/oauth/start': {
      locationId: o.locationId,
      handle: 'clinic.test',
    },
    'POST /api/orgs/:orgId/channels/bluesky/oauth/finish': {
      state: 'not-a-real-state-at-all',
      iss: 'http://127.0.0.1:9',
      code: 'not-a-real-code',
    },
    'POST /api/orgs/:orgId/channels/mastodon/start': {
      locationId: o.locationId,
      instanceUrl: 'http://127.0.0.1:9',
    },
    'POST /api/orgs/:orgId/channels/mastodon/finish': {
      state: 'not-a-real-state-at-all',
      code: 'not-a-real-code',
    },
    'POST /api/orgs/:orgId/channels/oauth/:network/start': { locationId: o.locationId },
    'POST /api/orgs/:orgId/channels/oauth/:network/finish': {
      state: 'not-a-real-state-at-all',
      code: 'not-a-real-code',
    },
    'POST /api/orgs/:orgId/channels/oauth/:network/choose': {
      choiceId: 'not-a-choice',
      accountId: 'not-an-account',
    },
    'POST /api/orgs/:orgId/consents': consentRequestSample,
    'POST /api/orgs/:orgId/consents/:authorizationId/signing-link': { mode: 'tablet' },
    'POST /api/orgs/:orgId/consents/paper': {
      ...consentRequestSample,
      delivery: undefined,
      signature: {
        signedName: 'Robin Testpatient',
        signedOn: '2026-03-01',
        signer: { kind: 'individual' },
      },
      elements: Object.fromEntries(paperElements.map((e) => [e, true])),
      file: { mediaType: 'application/pdf', data: 'JVBERi0xLjQKJSVFT0YK' },
    },
    'POST /api/orgs/:orgId/consents/:authorizationId/revoke': { confirm: true },
    'POST /api/orgs/:orgId/consents/:authorizationId/expiry-event': { confirm: true },
    'POST /api/orgs/:orgId/consent-template': {
      title: defaultAuthorizationTemplate.title,
      sections: defaultAuthorizationTemplate.sections,
    },
    'POST /api/orgs/:orgId/takedowns/:itemId/resolve': { confirm: true },
    'POST /api/orgs/:orgId/posts/:postId/authorizations': {
      authorizationId: 'not-an-authorization',
    },
    'POST /api/orgs/:orgId/media/:mediaId/authorizations': {
      authorizationId: 'not-an-authorization',
    },
    'POST /api/public/signing/:token': {
      signedName: 'Robin Testpatient',
      signer: { kind: 'individual' },
      signature: { method: 'typed' },
      agreed: true,
    },
    'POST /api/public/revocation/:token': { confirm: true },
    'POST /api/orgs/:orgId/providers': {
      firstName: 'Amelia',
      lastName: 'Hart',
      credentials: 'MD',
      npi: '1904000019',
      userId: null,
    },
    'PATCH /api/orgs/:orgId/providers/:providerId': { telehealth: true },
    'POST /api/orgs/:orgId/provider-changes/:changeId/decision': { approve: true },
    'POST /api/orgs/:orgId/providers/:providerId/publications/:publicationId/decision': {
      confirm: true,
    },
    'POST /api/orgs/:orgId/providers/import/nppes': {
      csv: '"NPI","Entity Type Code"\n"1904000019","1"\n',
      addNpis: [],
      apply: false,
    },
    'POST /api/orgs/:orgId/providers/import/pubmed': {
      xml: '<PubmedArticleSet></PubmedArticleSet>',
      pmids: [],
    },
    'PATCH /api/orgs/:orgId/public-page': { published: true },
    'POST /api/orgs/:orgId/providers/import/nppes-api': { addNpis: [], apply: false },
    'POST /api/orgs/:orgId/listings': {
      providerId: null,
      locationId: o.locationId,
      directory: 'google',
      url: null,
      name: 'Practice a',
      address: '100 Main St, Springfield, IL 62701',
      phone: '(217) 555-0100',
    },
    'POST /api/orgs/:orgId/providers/:providerId/share': { event: { kind: 'provider' } },
    'POST /api/orgs/:orgId/listings/import/preview': { sample: 'Site,Name\nGoogle,Practice a\n' },
    'POST /api/orgs/:orgId/listings/import': {
      csv: 'Site,Name,Address,Phone\nGoogle,Practice a,100 Main St,(217) 555-0100\n',
      mapping: { directory: 'Site', name: 'Name', address: 'Address', phone: 'Phone' },
      apply: false,
    },
    'POST /api/orgs/:orgId/posts': { locationId: o.locationId, baseText: 'Flu shots this week.' },
    'PUT /api/orgs/:orgId/posts/:postId': {
      version: 1,
      locationId: o.locationId,
      baseText: 'Flu shots this week.',
    },
    'POST /api/orgs/:orgId/posts/:postId/submit': {
      version: 1,
      overrideJustification: 'Reviewed against the study.',
    },
    'POST /api/orgs/:orgId/posts/:postId/withdraw': { reason: 'Not this week' },
    'POST /api/orgs/:orgId/posts/:postId/approve': { version: 1, note: 'Looks right.' },
    'POST /api/orgs/:orgId/posts/:postId/request-changes': { version: 1, reason: 'Shorter.' },
    'POST /api/orgs/:orgId/posts/:postId/reject': { version: 1, reason: 'Not this one.' },
    'POST /api/orgs/:orgId/posts/:postId/comments': { body: 'Which office?' },
    'PUT /api/orgs/:orgId/publishing-settings': {
      approverRoles: ['compliance_officer'],
      complianceOnWarning: true,
      websiteDomains: ['clinic.example'],
      utmEnabled: true,
    },
    'PATCH /api/orgs/:orgId/media/:mediaId': { altText: 'A nurse at the front desk' },
    [`params`]: {
      orgId: o.orgId,
      locationId: o.locationId,
      userId: o.userIds.clinician,
      token: 'not-a-real-token-at-all',
    },
  };
}

async function writeCounts(t: TestApp): Promise<Record<string, number>> {
  const { db } = t.services.database;
  const counts: Record<string, number> = {};
  for (const table of [
    'organizations',
    'locations',
    'users',
    'memberships',
    'invitations',
    'passwordResets',
  ] as const) {
    counts[table] = (await db.selectFrom(table).selectAll().execute()).length;
  }
  const orgs = await db.selectFrom('organizations').select(['id', 'name', 'updatedAt']).execute();
  counts.orgSignature = orgs.map((o) => `${o.name}${o.updatedAt}`).join('').length;
  return counts;
}

describeEachDialect('bad input on every route', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    o = await createOrgWithRoles(t, 'a');
  }, 120_000);
  afterAll(async () => t?.close());

  it('has a valid sample body for every route that takes a body', () => {
    const samples = validBodies(o);
    for (const route of routeTable(t.app).filter((r) => r.hasBody))
      expect(samples, `${route.method} ${route.url}`).toHaveProperty([
        `${route.method} ${route.url}`,
      ]);
  });

  it('malformed JSON, oversized bodies, unknown fields and wrong types → 4xx envelope, nothing written', async () => {
    const samples = validBodies(o);
    const params = samples.params as Record<string, string>;
    const owner = o.clients.owner;
    const before = await writeCounts(t);
    for (const route of routeTable(t.app).filter((r) => r.hasBody)) {
      const url = route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) => params[name] ?? 'x');
      const valid = samples[`${route.method} ${route.url}`] as Record<string, unknown>;
      const label = `${route.method} ${route.url}`;
      const cases: { name: string; rawBody: string; status: number[]; code: string[] }[] = [
        {
          name: 'malformed JSON',
          rawBody: '{"text": "Maria Lopez, DOB 01/02/1950",',
          status: [400],
          code: ['malformed_json'],
        },
        { name: 'not an object', rawBody: '[1,2,3]', status: [400], code: ['validation_failed'] },
        {
          name: 'unknown field',
          rawBody: JSON.stringify({ ...valid, isAdmin: true }),
          status: [400],
          code: ['validation_failed'],
        },
        {
          name: 'wrong types',
          rawBody: JSON.stringify(Object.fromEntries(Object.keys(valid).map((k) => [k, 12345]))),
          status: [400],
          code: ['validation_failed'],
        },
        {
          name: 'oversized',
          rawBody: JSON.stringify({ ...valid, padding: 'x'.repeat(3 * 1024 * 1024) }),
          status: [413],
          code: ['payload_too_large'],
        },
      ];
      // Public routes are rate-limited per address: use a fresh client (address) for each.
      const client = route.access?.kind === 'public' ? new TestClient(t.app) : owner;
      for (const c of cases) {
        const res = await client.request(route.method, url, { rawBody: c.rawBody });
        expect(
          c.status,
          `${label} ${c.name}: ${res.statusCode} ${res.body.slice(0, 200)}`,
        ).toContain(res.statusCode);
        const body = res.json() as { error: { code: string; message: string } };
        expect(c.code, `${label} ${c.name}`).toContain(body.error.code);
        expect(body.error.message.length).toBeGreaterThan(5);
      }
      const formClient = route.access?.kind === 'public' ? new TestClient(t.app) : owner;
      const wrongType = await formClient.request(route.method, url, {
        rawBody: 'email=a@b.test',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(wrongType.statusCode, `${label} form body`).toBe(415);
    }
    expect(await writeCounts(t)).toEqual(before);
  }, 120_000);

  it('names the unknown field and the field with the wrong type', async () => {
    const res = await o.clients.owner.post(`/api/orgs/${o.orgId}/locations`, {
      name: 'X',
      address: 'A',
      city: 'C',
      state: 'IL',
      zip: 'abc',
      phone: '(217) 555-0100',
      timeZone: 'America/Chicago',
      colour: 'red',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toMatchObject({ colour: 'This field is not allowed.' });
    const bad = await o.clients.owner.post(`/api/orgs/${o.orgId}/locations`, {
      name: 'X',
      address: 'A',
      city: 'C',
      state: 'IL',
      zip: 'abc',
      phone: '(217) 555-0100',
      timeZone: 'America/Chicago',
    });
    expect(bad.json().error.details.fields.zip).toMatch(/ZIP/);
  });

  it('unknown query parameters and bad filters are refused', async () => {
    const res = await o.clients.owner.get(`/api/orgs/${o.orgId}/audit?limit=9999`);
    expect(res.statusCode).toBe(400);
    const unknown = await o.clients.owner.get(`/api/orgs/${o.orgId}/audit?sql=drop`);
    expect(unknown.statusCode).toBe(400);
  });

  it('unknown API paths answer with the envelope', async () => {
    const res = await o.clients.owner.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });
});
