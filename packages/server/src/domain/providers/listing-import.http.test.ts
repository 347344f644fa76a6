import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { describeEachDialect } from '../../test-support/test-database.js';
import { parseDirectory, suggestListingMapping } from './listing-import.js';

const header = 'Site,Listing name,Address,Phone,Profile URL,NPI,Office';
const goodCsv = [
  header,
  'Google,Practice li,"100 Main St, Springfield, IL 62701",(217) 555-0100,https://maps.google.example/practice-li,,Northside Clinic',
  'Healthgrades,Dr. Amelia Hart MD,"100 Main Street, Springfield, IL 62701-1234",217-555-0100,,1904000019,',
  'Zocdoc,Amelia Hart,"100 Main St, Springfield, IL 62701",(217) 555-0199,,1904000019,',
  'vitals.com,Samuel Osei MD,"9 Elm St, Springfield, IL 62702",(217) 555-0190,,1904000027,Eastside',
].join('\n');
const mapping = {
  directory: 'Site',
  name: 'Listing name',
  address: 'Address',
  phone: 'Phone',
  url: 'Profile URL',
  npi: 'NPI',
  location: 'Office',
};

describeEachDialect('providers: listings CSV import', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  let base: string;
  const count = async () =>
    (await t.services.database.db.selectFrom('providerListings').selectAll().execute()).length;
  const run = (csv: string, apply: boolean, map: Record<string, string> = mapping) =>
    o.clients.marketer.post(`${base}/listings/import`, { csv, mapping: map, apply });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    o = await createOrgWithRoles(t, 'li');
    base = `/api/orgs/${o.orgId}`;
    await o.clients.admin.post(`${base}/locations`, {
      name: 'Eastside',
      address: '9 Elm St',
      city: 'Springfield',
      state: 'IL',
      zip: '62702',
      phone: '(217) 555-0190',
      timeZone: 'America/Chicago',
    });
    for (const [firstName, lastName, npi] of [
      ['Amelia', 'Hart', '1904000019'],
      ['Samuel', 'Osei', '1904000027'],
    ] as const)
      await o.clients.admin.post(`${base}/providers`, {
        firstName,
        lastName,
        credentials: 'MD',
        npi,
        userId: null,
      });
  }, 120_000);
  afterAll(async () => t?.close());

  it('reads directory names as people write them and suggests a mapping from the header', () => {
    expect(parseDirectory('Google Business Profile')).toBe('google');
    expect(parseDirectory('https://www.healthgrades.com')).toBe('healthgrades');
    expect(parseDirectory('Apple Maps')).toBe('apple_maps');
    expect(parseDirectory('MySpace')).toBeNull();
    expect(suggestListingMapping(header.split(','))).toEqual(mapping);
  });

  it('previews the columns with a suggested mapping, then checks the file without writing', async () => {
    const preview = await o.clients.marketer.post(`${base}/listings/import/preview`, {
      sample: goodCsv,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().columns).toEqual(header.split(','));
    expect(preview.json().suggested).toEqual(mapping);

    const dry = await run(goodCsv, false);
    expect(dry.statusCode, dry.body).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({ applied: false, created: 4, updated: 0, unchanged: 0 });
    expect(report.rows.map((r: { subject: string }) => r.subject)).toEqual([
      'The practice',
      'Amelia Hart, MD',
      'Amelia Hart, MD',
      'Samuel Osei, MD',
    ]);
    // Spelling differences (Street/St, ZIP+4, phone format) are not mismatches; a wrong phone is.
    expect(report.rows[1].mismatches).toEqual([]);
    expect(report.rows[2].mismatches).toEqual([
      { field: 'phone', listed: '(217) 555-0199', master: '(217) 555-0100' },
    ]);
    expect(report.rows[3].locationName).toBe('Eastside');
    expect(await count()).toBe(0);
  });

  it('imports in one go, shows mismatches against the master record, and the same file twice changes nothing', async () => {
    const first = await run(goodCsv, true);
    expect(first.json()).toMatchObject({ applied: true, created: 4 });
    expect(await count()).toBe(4);
    const listings = (await o.clients.viewer.get(`${base}/listings`)).json().listings;
    const zocdoc = listings.find((l: { directory: string }) => l.directory === 'zocdoc');
    expect(zocdoc.mismatches.map((m: { field: string }) => m.field)).toEqual(['phone']);
    const seen = listings.map((l: { seenAt: string }) => l.seenAt);

    const again = await run(goodCsv, true);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await count()).toBe(4);
    const after = (await o.clients.viewer.get(`${base}/listings`)).json().listings;
    expect(after.map((l: { seenAt: string }) => l.seenAt)).toEqual(seen);

    const fixed = await run(goodCsv.replace('(217) 555-0199', '(217) 555-0100'), true);
    expect(fixed.json()).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    const audit = await t.services.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('orgId', '=', o.orgId)
      .where('action', '=', 'listing.imported')
      .execute();
    expect(audit).toHaveLength(2); // the unchanged import wrote nothing, not even an audit event
  });

  it('reports every malformed row by line and imports nothing', async () => {
    const before = await count();
    const bad = [
      header,
      'Bing,Practice li,"100 Main St, Springfield, IL 62701",(217) 555-0100,,,Northside Clinic',
      'Healthgrades,Amelia Hart,"100 Main St, Springfield, IL",(217) 555-0100,,1904000018,',
      'MySpace,Practice li,"100 Main St, Springfield, IL",(217) 555-0100,,,',
      'Google,Practice li,"100 Main St",(217) 555-0100,javascript:alert(1),,Northside Clinic',
      'Bing,Practice li,"100 Main St, Springfield, IL 62701",(217) 555-0100,,,Northside Clinic',
      'Yelp,Somebody,"1 Nowhere Rd",(217) 555-0100,,1234567893,',
      'Yelp,Practice li,"",(217) 555-0100,,,Northside Clinic',
      'Yelp,Practice li,"100 Main St",(217) 555-0100,,,Westside',
    ].join('\n');
    const res = await run(bad, true);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(
      'The listings file has 7 problems; nothing was imported.',
    );
    expect(res.json().error.details.problems).toEqual([
      {
        line: 3,
        reason:
          'The NPI is not valid. The check digit does not match: an NPI starting 190400001 ends in 9.',
      },
      { line: 4, reason: expect.stringMatching(/^The site is not one Bedside knows/) },
      { line: 5, reason: 'The link is not a web address.' },
      { line: 6, reason: 'The same listing is already on line 2.' },
      { line: 7, reason: 'No provider of this practice has this NPI.' },
      { line: 8, reason: 'The address is empty.' },
      { line: 9, reason: 'The location is not one of your locations.' },
    ]);
    expect(res.json().error.details.fields.file).toMatch(/^Line 3: /);
    expect(await count()).toBe(before);

    const broken = await run(
      `${header}\nGoogle,"Practice li,100 Main St,(217) 555-0100,,,\n`,
      true,
    );
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.details.problems[0].reason).toMatch(/^The CSV is malformed/);
    const unmapped = await run(goodCsv, true, { directory: 'Site', name: 'Listing name' });
    expect(unmapped.json().error.details.fields.mapping).toBe(
      'Choose the columns for: address, phone.',
    );
    const wrongColumn = await run(goodCsv, true, { ...mapping, phone: 'Telephone' });
    expect(wrongColumn.json().error.details.fields.mapping).toBe(
      'The column chosen for phone is not in the file.',
    );
    expect((await run(header, true)).json().error.details.problems[0].line).toBe(1);
    expect(await count()).toBe(before);
    expect(
      (
        await o.clients.viewer.post(`${base}/listings/import`, {
          csv: goodCsv,
          mapping,
          apply: true,
        })
      ).statusCode,
    ).toBe(403);
  });
});
