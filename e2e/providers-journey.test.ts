import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingReason } from '../tools/test-env.js';
import { startBedsideServer, type BedsideServer } from './support/bedside-server.js';
import { failureScreenshots, launchChromium, RequestLog, screenshot } from './support/browser.js';
import { signIn, signOut } from './support/flows/auth-flow.js';
import {
  jsonLdOf,
  openProviders,
  seedDemo,
  type DemoSignIn,
} from './support/flows/providers-flow.js';

const skipReason = missingReason('chromium');
if (skipReason) console.warn(skipReason);

const fixtures = '../packages/server/src/domain/providers/fixtures/';
const nppesFile = fileURLToPath(new URL(`${fixtures}demo-nppes.csv`, import.meta.url));
const pubmedFile = fileURLToPath(new URL(`${fixtures}demo-pubmed.xml`, import.meta.url));

// The demo practice's providers: imported from an NPPES-format file and a PubMed XML file, a
// change approved by the clinician, the public page looked at and its JSON-LD checked, and a
// publication turned into a post draft — one real server on SQLite, Debian's Chromium.
describe.skipIf(Boolean(skipReason))('providers in a real browser', () => {
  let server: BedsideServer;
  let browser: Browser;
  const requests = new RequestLog();
  let context: BrowserContext;
  let page: Page;
  let accounts: DemoSignIn[];
  const account = (email: string) => accounts.find((a) => a.email === email)!;

  beforeAll(async () => {
    // The demo is seeded before the server starts: two processes writing one SQLite file at
    // once is not what `bedside demo` is for.
    [server, browser] = await Promise.all([
      startBedsideServer('providers', {
        prepare: async (dataDir) => void (accounts = await seedDemo(dataDir)),
      }),
      launchChromium(),
    ]);
    context = await requests.newContext(browser, server.url);
    page = await context.newPage();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await failureScreenshots(browser, task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('imports the demo providers from an NPPES-format file: preview the diff, then apply', async () => {
    expect(accounts).toHaveLength(12);
    await signIn(page, account('owner@demo.bedside.test'));
    await openProviders(page, /^Import$/);
    await page.getByLabel('NPPES CSV file').setInputFiles(nppesFile);
    await page.getByRole('button', { name: 'Preview changes' }).click();
    const preview = page.getByRole('region', { name: 'Import preview' });
    await preview.waitFor();
    expect(await preview.getByRole('row').count()).toBe(7); // header + six providers
    await expect
      .poll(() => preview.innerText())
      .toContain('Specialties (NUCC taxonomy), State licences');
    await screenshot(page, 'providers-01-nppes-preview');
    await page.getByRole('button', { name: 'Apply import' }).click();
    const result = page.getByRole('region', { name: 'Import result' });
    await result.waitFor();
    expect(await result.getByText("Waiting for the clinician's approval").count()).toBe(6);
  });

  it('imports publications from a PubMed XML file', async () => {
    await page.getByLabel('PubMed XML file').setInputFiles(pubmedFile);
    await page.getByRole('button', { name: 'Import publications' }).click();
    await page
      .getByText('Imported 4 articles (0 already known); 6 suggested to providers.')
      .waitFor();
    await screenshot(page, 'providers-02-imports');
  });

  it("links the public pages to the practice's appointment system", async () => {
    await page.getByRole('tab', { name: 'Public page' }).click();
    await page
      .getByLabel('Appointment booking link')
      .fill('https://booking.riverbend.example/appointments');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Public page saved').waitFor();
  });

  it('records a directory listing and shows where it differs from the master record', async () => {
    await page.getByRole('tab', { name: 'Listings' }).click();
    await page.getByLabel('Location', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Riverbend Family Health — Portland' }).click();
    await page.getByLabel('Name as listed').fill('Riverbend Family Health');
    await page
      .getByLabel('Address as listed')
      .fill('1200 Northwest Everett Street #300, Portland, OR 97209');
    await page.getByLabel('Phone as listed').fill('503-555-0199');
    await page.getByRole('button', { name: 'Record listing' }).click();
    const row = page.getByRole('row').filter({ hasText: '503-555-0199' });
    await row.getByText('should be (503) 555-0142').waitFor();
    expect(await row.getByText('should be', { exact: false }).count()).toBe(1); // the address only differs in spelling
    await screenshot(page, 'providers-03-listings');
    await signOut(page, 'Dana Whitfield');
  });

  it('the clinician approves the change to her profile and confirms her article', async () => {
    await signIn(page, account('dr.hart@demo.bedside.test'));
    await openProviders(page, /Changes to approve \(1\)/);
    const change = page.getByRole('region', { name: 'Change to Amelia Hart' });
    await change.getByRole('cell', { name: '207Q00000X (primary); 207QS0010X' }).waitFor();
    await screenshot(page, 'providers-04-change-to-approve');
    await change.getByRole('button', { name: 'Approve change' }).click();
    await change.getByText('approved').waitFor();

    await page.getByRole('tab', { name: 'Profiles' }).click();
    const card = page.getByRole('article', { name: 'Amelia Hart, MD' });
    await card
      .getByText('NPI 1904000019 · Family Medicine, Sports Medicine (Family Medicine)')
      .waitFor();
    await card.getByRole('button', { name: /Confirm “Telehealth follow-up visits/ }).click();
    await card
      .getByRole('button', { name: /Share “Telehealth follow-up visits.*” as a post/ })
      .waitFor();
    await screenshot(page, 'providers-05-profile-with-publication');
  });

  it('turns the new publication into a post draft', async () => {
    const card = page.getByRole('article', { name: 'Amelia Hart, MD' });
    await card
      .getByRole('button', { name: /Share “Telehealth follow-up visits.*” as a post/ })
      .click();
    await page.getByText('Post draft created in Compose').waitFor();
    const me = (await (await page.request.get('/api/auth/session')).json()) as {
      memberships: { orgId: string }[];
    };
    const orgId = me.memberships[0]!.orgId;
    const posts = (await (await page.request.get(`/api/orgs/${orgId}/posts`)).json()) as {
      posts: { id: string; status: string; excerpt: string }[];
    };
    const draft = posts.posts.find((p) =>
      p.excerpt.startsWith('New publication from Amelia Hart, MD'),
    );
    expect(draft?.status).toBe('draft');
    const full = (await (
      await page.request.get(`/api/orgs/${orgId}/posts/${draft!.id}`)
    ).json()) as {
      baseText: string;
    };
    expect(full.baseText).toContain('https://pubmed.ncbi.nlm.nih.gov/98100001/');
  });

  it('serves a public provider page without sign-in, with valid schema.org JSON-LD and nothing from other sites', async () => {
    const anonymous = await requests.newContext(browser, server.url);
    const visitor = await anonymous.newPage();
    const before = requests.urls.length;
    const response = await visitor.goto('/practices/riverbend-family-health/providers/amelia-hart');
    expect(response?.status()).toBe(200);
    await visitor.getByRole('heading', { level: 1, name: 'Amelia Hart, MD' }).waitFor();
    await screenshot(visitor, 'providers-06-public-page');
    const body = await response!.body();
    expect(body.byteLength).toBeLessThan(50 * 1024);

    const [ld] = await jsonLdOf(visitor);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Physician',
      name: 'Amelia Hart, MD',
      url: `${server.url}/practices/riverbend-family-health/providers/amelia-hart`,
      telephone: '(503) 555-0142',
      address: {
        '@type': 'PostalAddress',
        streetAddress: '1200 NW Everett St, Suite 300',
        addressLocality: 'Portland',
        addressRegion: 'OR',
        postalCode: '97209',
      },
      identifier: { '@type': 'PropertyValue', propertyID: 'NPI', value: '1904000019' },
      medicalSpecialty: ['Family Medicine', 'Sports Medicine (Family Medicine)'],
      isAcceptingNewPatients: true,
      parentOrganization: { '@type': 'MedicalOrganization', name: 'Riverbend Family Health' },
    });
    expect(await visitor.locator('meta[property="og:title"]').getAttribute('content')).toBe(
      'Amelia Hart, MD — Riverbend Family Health',
    );
    await visitor
      .getByRole('listitem')
      .filter({ hasText: 'J Synth Fam Med. 2024;12(3):145-152.' })
      .waitFor();

    await visitor.getByRole('link', { name: 'All providers at Riverbend Family Health' }).click();
    await visitor.getByRole('heading', { level: 1, name: 'Riverbend Family Health' }).waitFor();
    await screenshot(visitor, 'providers-07-practice-page');
    const [org] = await jsonLdOf(visitor);
    expect(org).toMatchObject({ '@type': 'MedicalOrganization', name: 'Riverbend Family Health' });
    expect(org!.member).toHaveLength(6);
    expect(org!.department).toHaveLength(2);

    const visited = requests.urls.slice(before);
    expect(visited.length).toBeGreaterThan(0);
    expect(visited.filter((u) => new URL(u).origin !== server.url)).toEqual([]);
    await anonymous.close();
  });
});
