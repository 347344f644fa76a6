import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { describeEachDialect } from '../../test-support/test-database.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const nppesCsv = fixture('demo-nppes.csv');
const pubmedXml = fixture('demo-pubmed.xml');

function jsonLdOf(html: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no JSON-LD block');
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

describeEachDialect('providers: records, imports, approvals, public pages', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  let base: string;
  let hartId: string;
  let oseiId: string;

  const count = async (
    table: 'providers' | 'providerChanges' | 'publications' | 'providerPublications',
  ) => (await t.services.database.db.selectFrom(table).selectAll().execute()).length;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    o = await createOrgWithRoles(t, 'p');
    base = `/api/orgs/${o.orgId}`;
  }, 120_000);
  afterAll(async () => t?.close());

  it('refuses an invalid NPI with the reason, and creates providers with valid ones', async () => {
    const bad = await o.clients.admin.post(`${base}/providers`, {
      firstName: 'Amelia',
      lastName: 'Hart',
      credentials: 'MD',
      npi: '1904000018',
      userId: null,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.npi).toBe(
      'The check digit does not match: an NPI starting 190400001 ends in 9.',
    );
    const hart = await o.clients.admin.post(`${base}/providers`, {
      firstName: 'Amelia',
      lastName: 'Hart',
      credentials: 'MD',
      npi: '1904000019',
      userId: o.userIds.clinician,
    });
    expect(hart.statusCode).toBe(201);
    hartId = hart.json().id;
    expect(hart.json().slug).toBe('amelia-hart');
    const osei = await o.clients.marketer.post(`${base}/providers`, {
      firstName: 'Samuel',
      lastName: 'Osei',
      credentials: 'MD',
      npi: '1904000027',
      userId: null,
    });
    oseiId = osei.json().id;
    const dup = await o.clients.admin.post(`${base}/providers`, {
      firstName: 'Other',
      lastName: 'Person',
      credentials: 'MD',
      npi: '1904000027',
      userId: null,
    });
    expect(dup.statusCode).toBe(409);
    expect(
      (
        await o.clients.clinician.post(`${base}/providers`, {
          firstName: 'A',
          lastName: 'B',
          credentials: '',
          npi: null,
          userId: null,
        })
      ).statusCode,
    ).toBe(403);
  });

  it("previews an NPPES import as a diff, writes nothing, then applies it: the clinician's own waits for approval", async () => {
    const before = await count('providers');
    const preview = await o.clients.admin.post(`${base}/providers/import/nppes`, {
      csv: nppesCsv,
      addNpis: ['1904000035'],
      apply: false,
    });
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body.applied).toBe(false);
    expect(body.ignored).toBe(4); // Clarke, Patel, Brooks, Quill are not this practice's; the organization row is skipped
    const byNpi = Object.fromEntries(body.rows.map((r: { npi: string }) => [r.npi, r]));
    expect(byNpi['1904000035'].action).toBe('create');
    expect(byNpi['1904000019'].action).toBe('update');
    expect(byNpi['1904000019'].fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'licences',
      'taxonomies',
    ]);
    expect(await count('providers')).toBe(before);

    const applied = await o.clients.admin.post(`${base}/providers/import/nppes`, {
      csv: nppesCsv,
      addNpis: ['1904000035'],
      apply: true,
    });
    const rows = Object.fromEntries(applied.json().rows.map((r: { npi: string }) => [r.npi, r]));
    expect(rows['1904000019'].outcome).toBe('pending');
    expect(rows['1904000027'].outcome).toBe('applied'); // no clinician account linked
    expect(rows['1904000035'].outcome).toBe('created');
    expect(await count('providers')).toBe(before + 1);
    const osei = (await o.clients.viewer.get(`${base}/providers/${oseiId}`)).json();
    expect(osei.taxonomies).toEqual([{ code: '207R00000X', primary: true }]);
    expect(osei.licences).toEqual([{ state: 'OR', number: 'MD-SYN-20877', expiresOn: null }]);
    const hart = (await o.clients.viewer.get(`${base}/providers/${hartId}`)).json();
    expect(hart.taxonomies).toEqual([]);
  });

  it('only the clinician decides on a change to their profile, once; each decision is audited', async () => {
    const list = (await o.clients.clinician.get(`${base}/provider-changes`)).json().changes;
    const change = list.find(
      (c: { providerId: string; status: string }) =>
        c.providerId === hartId && c.status === 'pending',
    );
    expect(change.mine).toBe(true);
    expect(
      change.fields.find((f: { field: string }) => f.field === 'taxonomies').after,
    ).toHaveLength(2);
    const byAdmin = await o.clients.admin.post(`${base}/provider-changes/${change.id}/decision`, {
      approve: true,
    });
    expect(byAdmin.statusCode).toBe(403);
    const ok = await o.clients.clinician.post(`${base}/provider-changes/${change.id}/decision`, {
      approve: true,
    });
    expect(ok.statusCode).toBe(200);
    const again = await o.clients.clinician.post(`${base}/provider-changes/${change.id}/decision`, {
      approve: false,
    });
    expect(again.statusCode).toBe(409);
    const hart = (await o.clients.viewer.get(`${base}/providers/${hartId}`)).json();
    expect(hart.taxonomies[0]).toEqual({ code: '207Q00000X', primary: true });
    const events = await t.services.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('orgId', '=', o.orgId)
      .where('targetId', '=', hartId)
      .execute();
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'provider.created',
        'provider.change_proposed',
        'provider.change_approved',
      ]),
    );
  });

  it("applies a clinician's own edit at once, holds a marketer's, refuses a clinician editing another profile", async () => {
    const own = await o.clients.clinician.patch(`${base}/providers/${hartId}`, {
      languages: ['English', 'Spanish'],
      telehealth: true,
      locationIds: [o.locationId],
      boardCertifications: [
        {
          board: 'American Board of Family Medicine',
          specialty: 'Family Medicine',
          year: 2015,
          expiresOn: '2029-12-31',
        },
      ],
      licences: [{ state: 'OR', number: 'MD-SYN-10421', expiresOn: '2027-06-30' }],
    });
    expect(own.json().status).toBe('applied');
    const held = await o.clients.marketer.patch(`${base}/providers/${hartId}`, {
      acceptingNewPatients: false,
    });
    expect(held.json().status).toBe('pending');
    expect(
      (await o.clients.viewer.get(`${base}/providers/${hartId}`)).json().acceptingNewPatients,
    ).toBe(true);
    const other = await o.clients.clinician.patch(`${base}/providers/${oseiId}`, {
      bio: 'Not mine.',
    });
    expect(other.statusCode).toBe(403);
    const same = await o.clients.clinician.patch(`${base}/providers/${hartId}`, {
      telehealth: true,
    });
    expect(same.json().status).toBe('unchanged');
    const badTaxonomy = await o.clients.clinician.patch(`${base}/providers/${hartId}`, {
      taxonomies: [{ code: '207Q0000', primary: true }],
    });
    expect(badTaxonomy.statusCode).toBe(400);
    const otherOrgLocation = await o.clients.clinician.patch(`${base}/providers/${hartId}`, {
      locationIds: ['nope'],
    });
    expect(otherOrgLocation.json().error.details.fields.locationIds).toMatch(
      /locations of this practice/,
    );
  });

  it('the guard refuses a bio that carries PHI', async () => {
    const res = await o.clients.clinician.patch(`${base}/providers/${hartId}`, {
      bio: 'Last week I treated Maria Lopez, DOB 01/02/1950, SSN 123-45-6789, for diabetes.',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.bio).toMatch(/guard blocked/);
    expect(res.body).not.toContain('123-45-6789');
  });

  it('reports a malformed NPPES file with its line and imports nothing', async () => {
    const lines = nppesCsv.split('\n');
    const broken = [
      ...lines.slice(0, 3),
      lines[3]!.replace('"1904000035"', '"1904000036"'),
      ...lines.slice(4),
    ].join('\n');
    const providers = await count('providers');
    const changes = await count('providerChanges');
    const res = await o.clients.admin.post(`${base}/providers/import/nppes`, {
      csv: broken,
      addNpis: [],
      apply: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(
      /^NPPES file, line 4: NPI "1904000036" is not valid\. The check digit/,
    );
    const ragged = await o.clients.admin.post(`${base}/providers/import/nppes`, {
      csv: `${lines[0]}\n${lines[1]}\n"1904000027","1"\n`,
      addNpis: [],
      apply: true,
    });
    expect(ragged.statusCode).toBe(400);
    expect(ragged.json().error.details.line).toBe(3);
    const noHeader = await o.clients.admin.post(`${base}/providers/import/nppes`, {
      csv: '"A","B"\n"1","2"\n',
      addNpis: [],
      apply: true,
    });
    expect(noHeader.json().error.message).toMatch(/line 1: the column "NPI" is missing/);
    expect(await count('providers')).toBe(providers);
    expect(await count('providerChanges')).toBe(changes);
  });

  it('imports PubMed XML, suggests articles by author name, and only the provider confirms', async () => {
    const bad = await o.clients.admin.post(`${base}/providers/import/pubmed`, {
      xml: pubmedXml.replace('<Volume>41</Volume>', '<Volume>41</Volumes>'),
      pmids: [],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^PubMed file, line \d+: /);
    expect(await count('publications')).toBe(0);
    const noTitle = await o.clients.admin.post(`${base}/providers/import/pubmed`, {
      xml: pubmedXml.replace(/<ArticleTitle>Reading aloud[^<]*<\/ArticleTitle>/, ''),
      pmids: [],
    });
    expect(noTitle.json().error.message).toMatch(/PMID 98100002 has no <ArticleTitle>/);
    const missing = await o.clients.admin.post(`${base}/providers/import/pubmed`, {
      xml: pubmedXml,
      pmids: ['98100001', '12345'],
    });
    expect(missing.json().error.message).toMatch(/PMID 12345 is not in the file/);
    expect(await count('publications')).toBe(0);

    const res = await o.clients.admin.post(`${base}/providers/import/pubmed`, {
      xml: pubmedXml,
      pmids: [],
    });
    expect(res.json()).toEqual({ imported: 4, alreadyKnown: 0, suggestions: 3 }); // Hart (not "Hart J"), Osei, Moreno
    const again = await o.clients.admin.post(`${base}/providers/import/pubmed`, {
      xml: pubmedXml,
      pmids: ['98100001'],
    });
    expect(again.json()).toEqual({ imported: 0, alreadyKnown: 1, suggestions: 0 });

    const pubs = (await o.clients.clinician.get(`${base}/providers/${hartId}/publications`)).json()
      .publications;
    expect(pubs).toHaveLength(1);
    expect(pubs[0].citation).toBe(
      'Hart AJ, Osei SK, Lindqvist M. Telehealth follow-up visits in a community family practice: a retrospective cohort. J Synth Fam Med. 2024;12(3):145-152. doi:10.5555/jsfm.2024.0145. PMID: 98100001.',
    );
    const url = `${base}/providers/${hartId}/publications/${pubs[0].publicationId}/decision`;
    expect((await o.clients.marketer.post(url, { confirm: true })).statusCode).toBe(403);
    expect((await o.clients.clinician.post(url, { confirm: true })).json()).toEqual({
      status: 'confirmed',
    });
  });

  it('serves the public pages without sign-in: JSON-LD, Open Graph, no third-party resources, fresh after a change', async () => {
    const settings = await o.clients.admin.patch(`${base}/public-page`, {
      slug: 'practice-p',
      appointmentUrl: 'https://booking.practice-p.test/book',
      description: 'Family care in Springfield.',
    });
    expect(settings.statusCode).toBe(200);
    expect(
      (
        await o.clients.admin.patch(`${base}/public-page`, {
          appointmentUrl: 'javascript:alert(1)',
        })
      ).statusCode,
    ).toBe(400);
    const anon = new TestClient(t.app);
    const page = await anon.get('/practices/practice-p/providers/amelia-hart');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const html = page.body;
    expect(Buffer.byteLength(html)).toBeLessThan(50 * 1024);
    const ld = jsonLdOf(html);
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('Physician');
    expect(ld).toMatchObject({
      name: 'Amelia Hart, MD',
      url: 'http://localhost:3000/practices/practice-p/providers/amelia-hart',
      telephone: '(217) 555-0100',
      address: { '@type': 'PostalAddress', addressLocality: 'Springfield', addressRegion: 'IL' },
      identifier: { '@type': 'PropertyValue', propertyID: 'NPI', value: '1904000019' },
      medicalSpecialty: ['Family Medicine', 'Sports Medicine (Family Medicine)'],
      knowsLanguage: ['English', 'Spanish'],
      isAcceptingNewPatients: true,
    });
    expect(html).toContain('<meta property="og:title" content="Amelia Hart, MD — Practice p">');
    expect(html).toContain('href="https://booking.practice-p.test/book"');
    expect(html).toContain('J Synth Fam Med. 2024;12(3):145-152.');
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    expect(html).not.toMatch(/<(img|link|iframe)[^>]+(src|href)="https?:\/\/(?!localhost)/);
    const etag = page.headers.etag as string;
    const notModified = await anon.request('GET', '/practices/practice-p/providers/amelia-hart', {
      headers: { 'if-none-match': etag },
    });
    expect(notModified.statusCode).toBe(304);

    await o.clients.clinician.patch(`${base}/providers/${hartId}`, {
      languages: ['English', 'Spanish', 'Twi'],
    });
    const fresh = await anon.get('/practices/practice-p/providers/amelia-hart');
    expect(jsonLdOf(fresh.body).knowsLanguage).toEqual(['English', 'Spanish', 'Twi']);
    expect(fresh.headers.etag).not.toBe(etag);

    const practice = await anon.get('/practices/practice-p');
    const org = jsonLdOf(practice.body);
    expect(org['@type']).toBe('MedicalOrganization');
    expect(org.name).toBe('Practice p');
    expect((org.member as unknown[]).length).toBe(3);
    expect((await anon.get('/practices/practice-p/providers/nobody')).statusCode).toBe(404);
    expect((await anon.get('/practices/unknown-practice')).statusCode).toBe(404);
    await o.clients.admin.patch(`${base}/public-page`, { published: false });
    expect((await anon.get('/practices/practice-p')).statusCode).toBe(404);
    await o.clients.admin.patch(`${base}/public-page`, { published: true });
  });

  it('turns a confirmed publication and a new provider into post drafts; an unconfirmed article is refused', async () => {
    const pubs = (await o.clients.marketer.get(`${base}/providers/${hartId}/publications`)).json()
      .publications;
    const share = await o.clients.marketer.post(`${base}/providers/${hartId}/share`, {
      event: { kind: 'publication', publicationId: pubs[0].publicationId },
    });
    expect(share.statusCode).toBe(201);
    expect(share.json().text).toBe(
      'New publication from Amelia Hart, MD: “Telehealth follow-up visits in a community family practice: a retrospective cohort”, J Synth Fam Med (2024). https://pubmed.ncbi.nlm.nih.gov/98100001/',
    );
    const post = await t.services.database.db
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', share.json().postId)
      .executeTakeFirstOrThrow();
    expect(post).toMatchObject({
      orgId: o.orgId,
      status: 'draft',
      locationId: o.locationId,
      authorId: o.userIds.marketer,
    });
    const osei = (await o.clients.marketer.get(`${base}/providers/${oseiId}/publications`)).json()
      .publications;
    const unconfirmed = await o.clients.marketer.post(`${base}/providers/${oseiId}/share`, {
      event: { kind: 'publication', publicationId: osei[0].publicationId },
    });
    expect(unconfirmed.statusCode).toBe(409);
    const welcome = await o.clients.marketer.post(`${base}/providers/${oseiId}/share`, {
      event: { kind: 'provider' },
    });
    expect(welcome.json().text).toMatch(
      /^Welcome Samuel Osei, MD \(Internal Medicine\) to Practice p! /,
    );
    const cert = await o.clients.marketer.post(`${base}/providers/${hartId}/share`, {
      event: { kind: 'certification', index: 0 },
    });
    expect(cert.json().text).toMatch(
      /board certified in Family Medicine by the American Board of Family Medicine \(2015\)/,
    );
    expect(
      (
        await o.clients.marketer.post(`${base}/providers/${hartId}/share`, {
          event: { kind: 'certification', index: 5 },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await o.clients.viewer.post(`${base}/providers/${hartId}/share`, {
          event: { kind: 'provider' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('records listings as seen on directories and shows every NAP mismatch', async () => {
    const same = await o.clients.marketer.post(`${base}/listings`, {
      providerId: null,
      locationId: o.locationId,
      directory: 'google',
      url: 'https://maps.example/practice-p',
      name: 'PRACTICE P',
      address: '100 Main Street, Springfield IL 62701-0001',
      phone: '217.555.0100',
    });
    expect(same.statusCode).toBe(201);
    expect(same.json().mismatches).toEqual([]);
    const off = await o.clients.marketer.post(`${base}/listings`, {
      providerId: hartId,
      locationId: o.locationId,
      directory: 'healthgrades',
      url: null,
      name: 'Dr. Amelia Hart',
      address: '110 Main St, Springfield, IL 62701',
      phone: '(217) 555-0199',
    });
    expect(off.json().mismatches).toEqual([
      {
        field: 'address',
        listed: '110 Main St, Springfield, IL 62701',
        master: '100 Main St, Springfield, IL 62701',
      },
      { field: 'phone', listed: '(217) 555-0199', master: '(217) 555-0100' },
    ]);
    const list = (await o.clients.viewer.get(`${base}/listings`)).json().listings;
    expect(list.map((l: { directory: string }) => l.directory)).toEqual(['google', 'healthgrades']);
    const badDirectory = await o.clients.marketer.post(`${base}/listings`, {
      providerId: null,
      locationId: o.locationId,
      directory: 'myspace',
      url: null,
      name: 'X',
      address: 'Y',
      phone: '1',
    });
    expect(badDirectory.statusCode).toBe(400);
    const foreignProvider = await o.clients.marketer.post(`${base}/listings`, {
      providerId: 'not-ours',
      locationId: o.locationId,
      directory: 'vitals',
      url: null,
      name: 'X',
      address: 'Y',
      phone: '1',
    });
    expect(foreignProvider.json().error.details.fields.providerId).toMatch(/your providers/);
    expect((await o.clients.viewer.delete(`${base}/listings/${off.json().id}`)).statusCode).toBe(
      403,
    );
    expect((await o.clients.marketer.delete(`${base}/listings/${off.json().id}`)).statusCode).toBe(
      204,
    );
    expect((await o.clients.marketer.delete(`${base}/listings/${off.json().id}`)).statusCode).toBe(
      404,
    );
  });

  it("another organization's providers do not exist", async () => {
    const other = await createOrgWithRoles(t, 'q');
    const res = await other.clients.owner.get(`/api/orgs/${other.orgId}/providers/${hartId}`);
    expect(res.statusCode).toBe(404);
    const change = await other.clients.owner.patch(`/api/orgs/${other.orgId}/providers/${hartId}`, {
      telehealth: false,
    });
    expect(change.statusCode).toBe(404);
  });
});
