import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
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

const listingsFile = fileURLToPath(
  new URL('../packages/server/src/domain/providers/fixtures/demo-listings.csv', import.meta.url),
);
const GPS_MARK = 'WGS-84';

/** A synthetic portrait (a drawn figure, no real person) with EXIF camera data and a GPS position. */
async function syntheticPortrait(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1500">
    <rect width="1200" height="1500" fill="#dbe7f3"/>
    <circle cx="600" cy="560" r="250" fill="#c8a27a"/>
    <rect x="300" y="850" width="600" height="650" rx="200" fill="#ffffff"/>
    <rect x="560" y="850" width="80" height="400" fill="#0f3d64"/>
  </svg>`;
  return sharp(Buffer.from(svg))
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'BedsideSyntheticCamera', Model: 'Model 7' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '45/1 31/1 0/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '122/1 40/1 0/1',
        GPSMapDatum: GPS_MARK,
      },
    })
    .toBuffer();
}

// Editing every profile field in the browser, a photo proposed by the manager and approved by
// the clinician, listings imported from a CSV with a column mapping, and the public page with the
// photo looked at — one real server on SQLite, Debian's Chromium.
describe.skipIf(Boolean(skipReason))('provider profile editing in a real browser', () => {
  let server: BedsideServer;
  let browser: Browser;
  const requests = new RequestLog();
  let context: BrowserContext;
  let page: Page;
  let accounts: DemoSignIn[];
  let dir: string;
  let photoFile: string;
  let badFile: string;
  const account = (email: string) => accounts.find((a) => a.email === email)!;
  const hartCard = () => page.getByRole('article', { name: /^Amelia Hart/ });
  /** Mantine's file inputs are buttons that open the file chooser, as for a person. */
  const choose = async (button: ReturnType<Page['getByLabel']>, path: string) => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
    await chooser.setFiles(path);
  };
  const editor = () => page.getByRole('form', { name: /^Edit the profile of Amelia Hart/ });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bedside-e2e-photo-'));
    photoFile = join(dir, 'amelia-hart.jpg');
    badFile = join(dir, 'listings-bad.csv');
    await writeFile(photoFile, await syntheticPortrait());
    await writeFile(
      badFile,
      [
        'Site,Listing name,Address,Phone,Profile URL,NPI,Office',
        'Google,Riverbend Family Health,"1200 NW Everett St, Portland, OR 97209",(503) 555-0142,,,',
        'Vitals,Amelia Hart,"1200 NW Everett St, Portland, OR 97209",(503) 555-0142,,1904000018,',
        'MySpace,Riverbend Family Health,"1200 NW Everett St",(503) 555-0142,,,',
      ].join('\n'),
    );
    [server, browser] = await Promise.all([
      startBedsideServer('providers-editing', {
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
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("the manager edits every field of a clinician's profile: errors at their field, then a change for the clinician to approve", async () => {
    await signIn(page, account('owner@demo.bedside.test'));
    await openProviders(page);
    await hartCard().getByRole('button', { name: 'Edit profile' }).click();
    const form = editor();
    await form.getByText('Amelia Hart approves every change you propose here').waitFor();

    await form.getByLabel('NPI').fill('1904000018');
    await form.getByRole('button', { name: 'Add licence' }).click();
    await form.getByLabel('State (licence 1)').fill('O');
    await form.getByLabel('Number (licence 1)').fill('MD-SYN-10421');
    await form.getByRole('button', { name: 'Propose change' }).click();
    const npi = form.getByLabel('NPI');
    await expect.poll(() => npi.getAttribute('aria-invalid')).toBe('true');
    await form
      .getByText('The check digit does not match: an NPI starting 190400001 ends in 9.')
      .waitFor();
    await form.getByText('A two-letter state code.').waitFor();
    await screenshot(page, 'providers-edit-01-field-errors');

    await npi.fill('1904000019');
    await form.getByLabel('State (licence 1)').fill('OR');
    await form.getByLabel('Expires (licence 1)').fill('2027-06-30');
    await form.getByRole('button', { name: 'Add specialty' }).click();
    await form.getByLabel('Taxonomy code 1').fill('207Q00000X');
    await form.getByRole('button', { name: 'Add certification' }).click();
    await form.getByLabel('Board (certification 1)').fill('American Board of Family Medicine');
    await form.getByLabel('Specialty (certification 1)').fill('Family Medicine');
    await form.getByLabel('Year (certification 1)').fill('2014');
    await form.getByRole('button', { name: 'Add education entry' }).click();
    await form.getByLabel('Kind (entry 1)').selectOption('residency');
    await form.getByLabel('Institution (entry 1)').fill('Synthetic State University Hospital');
    await form.getByLabel('Year (entry 1)').fill('2011');
    await form.getByLabel('Hospital affiliations').fill('Riverbend General Hospital');
    await form.getByLabel('Languages').fill('English, Spanish');
    await form.getByLabel('Credentials').fill('MD, FAAFP');
    await form.getByRole('checkbox', { name: 'Riverbend Family Health — Denver' }).check();
    await form.getByRole('button', { name: 'Propose change' }).click();
    await page.getByText('Sent to Amelia Hart for approval').first().waitFor();
    await hartCard().getByText('1 change waiting for approval').waitFor();
  });

  it('the manager uploads a photo: alt text required, then it waits for the clinician', async () => {
    await hartCard().getByRole('button', { name: 'Edit profile' }).click();
    const form = editor();
    await choose(form.getByLabel('Photo file'), photoFile);
    await form.getByRole('button', { name: 'Upload photo for approval' }).click();
    await form.getByText('Describe the photo for people who cannot see it (alt text).').waitFor();
    await form
      .getByLabel('Description of the new photo (alt text)')
      .fill('Dr. Amelia Hart in a white coat, smiling');
    await form.getByRole('button', { name: 'Upload photo for approval' }).click();
    await form.getByRole('status').getByText('Sent to Amelia Hart for approval').waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await hartCard().getByText('2 changes waiting for approval').waitFor();
  });

  it('imports listings from a CSV: column mapping, every bad row by line, then the import and its mismatches', async () => {
    await page.getByRole('tab', { name: 'Listings' }).click();
    const section = page.getByRole('region', { name: 'Import listings from a CSV file' });
    await choose(section.getByLabel('Listings CSV file'), badFile);
    await expect.poll(() => section.getByLabel('Column for Provider NPI').inputValue()).toBe('NPI');
    await section.getByRole('button', { name: 'Check file' }).click();
    const alert = section.getByRole('alert');
    await alert.getByText('The listings file has 2 problems; nothing was imported.').waitFor();
    await alert.getByText(/^Line 3: The NPI is not valid/).waitFor();
    await alert.getByText(/^Line 4: The site is not one Bedside knows/).waitFor();

    await choose(section.getByLabel('Listings CSV file'), listingsFile);
    await expect.poll(() => section.getByLabel('Column for Location').inputValue()).toBe('Office');
    await section.getByLabel('Column for Listing link').selectOption('Profile URL');
    await section.getByRole('button', { name: 'Check file' }).click();
    const check = section.getByRole('region', { name: 'Listings import check' });
    await check
      .getByText('The file is good: 6 new, 0 changed, 0 unchanged.', { exact: false })
      .waitFor();
    await screenshot(page, 'providers-edit-02-listings-check');
    await section.getByRole('button', { name: 'Import 6 listings' }).click();
    await check.getByText('Imported: 6 new, 0 changed, 0 unchanged.').waitFor();
    const osei = page.getByRole('row').filter({ hasText: '(503) 555-0199' }).first();
    await osei.getByText('should be (503) 555-0142').waitFor();

    // The same file again changes nothing.
    await section.getByRole('button', { name: 'Check file' }).click();
    await check
      .getByText('Nothing to import: all 6 listings are already recorded as in this file.')
      .waitFor();
    expect(await section.getByRole('button', { name: /^Import \d/ }).count()).toBe(0);
    await screenshot(page, 'providers-edit-03-listings-imported');

    await page.getByRole('tab', { name: 'Public page' }).click();
    await page
      .getByLabel('Appointment booking link')
      .fill('https://booking.riverbend.example/appointments');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Public page saved').waitFor();
    await signOut(page, 'Dana Whitfield');
  });

  it('the clinician sees the proposed photo, approves both changes, and edits her own profile directly', async () => {
    await signIn(page, account('dr.hart@demo.bedside.test'));
    await openProviders(page, /Changes to approve \(2\)/);
    const photoChange = page
      .getByRole('region', { name: 'Change to Amelia Hart' })
      .filter({ has: page.getByRole('img', { name: /^Proposed photo: Dr\. Amelia Hart/ }) });
    await expect
      .poll(() =>
        photoChange
          .getByRole('img', { name: /^Proposed photo/ })
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(0);
    await screenshot(page, 'providers-edit-04-photo-to-approve');
    for (const change of await page.getByRole('region', { name: 'Change to Amelia Hart' }).all())
      await change.getByRole('button', { name: 'Approve change' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Approve change' }).count()).toBe(0);

    await page.getByRole('tab', { name: 'Profiles' }).click();
    await hartCard().getByRole('button', { name: 'Edit profile' }).click();
    const form = editor();
    await form.getByText('This is your profile: your changes apply at once.').waitFor();
    expect(await form.getByLabel('Photo description (alt text)').inputValue()).toBe(
      'Dr. Amelia Hart in a white coat, smiling',
    );
    const bio = form.getByLabel('Bio');
    await bio.fill(
      'Family physician who likes long-term care of whole families. Board certified since 2014.',
    );
    await form.getByRole('switch', { name: 'Offers telehealth' }).uncheck();
    await form.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile updated').first().waitFor();
    await hartCard()
      .getByText('Board certifications: Family Medicine — American Board of Family Medicine')
      .waitFor();
    await screenshot(page, 'providers-edit-05-profile');
  });

  it('the public page shows the photo from Bedside itself, with alt text, size, og:image and JSON-LD image', async () => {
    const anonymous = await requests.newContext(browser, server.url);
    const visitor = await anonymous.newPage();
    const before = requests.urls.length;
    const photoResponses: { url: string; cacheControl: string | undefined; body: Buffer }[] = [];
    visitor.on('response', (r) => {
      if (r.url().includes('/photos/'))
        void r
          .body()
          .then((body) =>
            photoResponses.push({ url: r.url(), cacheControl: r.headers()['cache-control'], body }),
          );
    });
    const response = await visitor.goto('/practices/riverbend-family-health/providers/amelia-hart');
    expect(response?.status()).toBe(200);
    await visitor.getByRole('heading', { level: 1, name: 'Amelia Hart, MD, FAAFP' }).waitFor();
    const img = visitor.getByRole('img', { name: 'Dr. Amelia Hart in a white coat, smiling' });
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
      .toBe(640);
    expect(await img.getAttribute('width')).toBe('640');
    expect(await img.getAttribute('height')).toBe('800');
    // Beside the photo: the facts and the practice's own booking link.
    await visitor.locator('.intro').getByRole('link', { name: 'Request an appointment' }).waitFor();
    await screenshot(visitor, 'providers-edit-06-public-page-with-photo');

    const src = (await img.getAttribute('src'))!;
    expect(new URL(src).origin).toBe(server.url);
    expect(await visitor.locator('meta[property="og:image"]').getAttribute('content')).toBe(src);
    const [ld] = await jsonLdOf(visitor);
    expect(ld).toMatchObject({
      '@type': 'Physician',
      image: src,
      hasCredential: expect.arrayContaining([
        expect.objectContaining({ name: 'Family Medicine (American Board of Family Medicine)' }),
      ]),
      hospitalAffiliation: [{ '@type': 'Hospital', name: 'Riverbend General Hospital' }],
      knowsLanguage: ['English', 'Spanish'],
    });
    await expect.poll(() => photoResponses.length).toBeGreaterThan(0);
    expect(photoResponses[0]!.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(photoResponses[0]!.body.includes(Buffer.from(GPS_MARK))).toBe(false);
    expect(photoResponses[0]!.body.includes(Buffer.from('BedsideSyntheticCamera'))).toBe(false);

    const visited = requests.urls.slice(before);
    expect(visited.filter((u) => new URL(u).origin !== server.url)).toEqual([]);
    await anonymous.close();
  });
});
