import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingReason } from '../tools/test-env.js';
import { startBedsideServer, type BedsideServer } from './support/bedside-server.js';
import { failureScreenshots, launchChromium, RequestLog, screenshot } from './support/browser.js';
import {
  drawSignature,
  fillRequest,
  patient,
  revocationLinkIn,
} from './support/flows/consent-flow.js';
import { completeFirstRunSetup } from './support/flows/setup-flow.js';
import { linkIn, waitForMail } from './support/outbox.js';
import { artifactsDir } from './support/paths.js';
import { owner, practice } from './support/people.js';

const skipReason = missingReason('chromium');
if (skipReason) console.warn(skipReason);

// Staff request an authorization; the patient reads and signs it on a phone-sized page; the
// signed PDF is stored and looked at; bad input is refused with reasons.
describe.skipIf(Boolean(skipReason))('patient authorization in a real browser', () => {
  let server: BedsideServer;
  let browser: Browser;
  const requests = new RequestLog();
  let staff: BrowserContext;
  let staffPage: Page;
  let signingLink = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBedsideServer('consents'), launchChromium()]);
    staff = await requests.newContext(browser, server.url);
    staffPage = await staff.newPage();
    await completeFirstRunSetup(staffPage, { owner, practice });
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await failureScreenshots(browser, task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a request that names no network, saying which element is missing', async () => {
    await staffPage.goto('/consents');
    await staffPage.getByRole('link', { name: 'Request an authorization' }).click();
    await fillRequest(staffPage, []);
    await staffPage.getByRole('button', { name: 'Send the signing link' }).click();
    const alert = staffPage.getByRole('alert').filter({ hasText: 'not sent' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/who will receive the information/);
    await staffPage
      .getByText(/164\.508\(c\)\(1\)\(iii\)/)
      .first()
      .waitFor();
    await screenshot(staffPage, 'consents-01-request-refused');
  });

  it('sends a signing link by email', async () => {
    for (const network of ['Mastodon', 'Bluesky', 'Facebook'])
      await staffPage.getByRole('checkbox', { name: network }).check();
    await staffPage.getByRole('button', { name: 'Send the signing link' }).click();
    await staffPage.getByRole('heading', { level: 1, name: patient.name }).waitFor();
    await staffPage.getByText('Waiting for signature').first().waitFor();
    const mail = await waitForMail(server.outboxDir, patient.email);
    expect(mail.subject).toContain(practice.organization);
    signingLink = linkIn(mail, `${server.url}/sign/`);
  });

  it('the patient reads the form and signs it on a phone, drawing with the mouse', async () => {
    const phone = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 390, height: 844 },
    });
    phone.on('request', (r) => requests.urls.push(r.url()));
    const page = await phone.newPage();
    await page.goto(signingLink);
    await page.getByRole('heading', { level: 1, name: /Authorization to use and share/ }).waitFor();
    await page.getByRole('heading', { name: 'My right to revoke' }).waitFor();
    await screenshot(page, 'consents-02-phone-signing-form');

    // Submitting empty says what is missing, without leaving the page.
    await page.getByRole('button', { name: 'Sign the authorization' }).click();
    await page.getByText('Type your full name.').waitFor();
    await page.getByText('Draw your signature, or choose to type it.').waitFor();

    await page.getByLabel('Your full name').fill(patient.name);
    await drawSignature(page);
    await page.getByRole('checkbox', { name: /I have read this form/ }).check();
    await page.getByRole('button', { name: 'Sign the authorization' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, 'consents-03-phone-signed-canvas.png') });
    await page.getByRole('button', { name: 'Sign the authorization' }).click();
    await page.getByRole('heading', { name: 'Thank you — signed' }).waitFor();
    await screenshot(page, 'consents-04-phone-thank-you');

    // The link works once.
    await page.goto(signingLink);
    await page.getByText('This signing link was already used.').waitFor();
    await phone.close();
  });

  it('staff see it active with its signed PDF, which is stored and fingerprinted', async () => {
    await staffPage.reload();
    await staffPage.getByText('Active').first().waitFor();
    await staffPage.getByRole('button', { name: 'Signed form (PDF)' }).waitFor();
    await screenshot(staffPage, 'consents-05-detail-signed');
    const id = new URL(staffPage.url()).pathname.split('/').pop() ?? '';
    const orgs = (await (await staff.request.get('/api/auth/session')).json()) as {
      memberships: { orgId: string }[];
    };
    const orgId = orgs.memberships[0]?.orgId ?? '';
    const detail = (await (
      await staff.request.get(`/api/orgs/${orgId}/consents/${id}`)
    ).json()) as {
      documents: { id: string; sha256: string }[];
    };
    const document = detail.documents[0];
    expect(document?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const pdf = await staff.request.get(
      `/api/orgs/${orgId}/consents/${id}/documents/${document?.id}`,
    );
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers()['x-content-sha256']).toBe(document?.sha256);
    await writeFile(join(artifactsDir, 'consents-06-signed.pdf'), bytes);

    await staffPage.goto('/consents');
    await staffPage.getByRole('link', { name: patient.name }).waitFor();
    await screenshot(staffPage, 'consents-07-list');
  });

  it('a patient-story post shows the gap, and linking the signed authorization covers it', async () => {
    const session = (await (await staff.request.get('/api/auth/session')).json()) as {
      memberships: { orgId: string }[];
    };
    const orgId = session.memberships[0]?.orgId ?? '';
    const { locations } = (await (
      await staff.request.get(`/api/orgs/${orgId}/locations`)
    ).json()) as {
      locations: { id: string }[];
    };
    const { token } = (await (await staff.request.get('/api/csrf')).json()) as { token: string };
    const created = await staff.request.post(`/api/orgs/${orgId}/posts`, {
      headers: { 'x-csrf-token': token },
      data: {
        locationId: locations[0]?.id,
        baseText: 'Jordan finished treatment this week!',
        patientStory: true,
      },
    });
    expect(created.status()).toBe(201);
    const { id: postId } = (await created.json()) as { id: string };
    await staffPage.goto(`/posts/${postId}`);
    const panel = staffPage.getByRole('alert').filter({ hasText: 'Patient authorization needed' });
    await panel.waitFor();
    expect(await panel.innerText()).toMatch(/patient story/);
    await panel.getByRole('link', { name: 'Request an authorization from the patient' }).waitFor();
    await screenshot(staffPage, 'consents-07b-post-needs-authorization');
    await panel.getByPlaceholder('Choose the patient').click();
    await staffPage.getByRole('option', { name: patient.name }).click();
    await panel.getByRole('button', { name: 'Link' }).click();
    await staffPage.getByText('Covered by a patient authorization').waitFor();
    await screenshot(staffPage, 'consents-07c-post-covered');
  });

  it('the patient revokes from the link in their copy; staff see it revoked at once', async () => {
    const link = await revocationLinkIn(server.outboxDir, server.url);
    const phone = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 390, height: 844 },
    });
    phone.on('request', (r) => requests.urls.push(r.url()));
    const page = await phone.newPage();
    await page.goto(link);
    await page.getByRole('button', { name: 'Revoke my authorization' }).waitFor();
    await screenshot(page, 'consents-08-phone-revoke');
    await page.getByRole('button', { name: 'Revoke my authorization' }).click();
    await page.getByRole('status').filter({ hasText: 'Revoked' }).waitFor();
    await screenshot(page, 'consents-09-phone-revoked');
    await phone.close();

    await staffPage.goto('/consents');
    await staffPage.getByPlaceholder('All statuses').click();
    await staffPage.getByRole('option', { name: 'Revoked' }).click();
    await staffPage.getByRole('link', { name: patient.name }).waitFor();
    await staffPage
      .getByRole('row', { name: new RegExp(patient.name) })
      .getByText('Revoked')
      .waitFor();
    await screenshot(staffPage, 'consents-10-list-revoked');
  });

  it('a paper form: a file whose bytes are not a PDF is refused, a real scan is filed', async () => {
    await staffPage.goto('/consents/paper');
    await staffPage.getByRole('heading', { level: 1, name: 'Record a paper form' }).waitFor();
    await staffPage.getByLabel("Patient's full name").fill('Sam Paperform');
    await staffPage.getByLabel('Phone number').fill('(217) 555-0199');
    await staffPage.getByLabel('Describe it specifically').fill('My written review.');
    await staffPage.getByRole('checkbox', { name: 'Facebook' }).check();
    await staffPage.getByLabel('Last day in effect').fill('2099-12-31');
    await staffPage.getByLabel('Name as signed').fill('Sam Paperform');
    await staffPage.getByLabel('Date written by the signature').fill('2026-03-01');
    for (const box of await staffPage.getByRole('checkbox', { name: /— \(/ }).all())
      await box.check();
    // A text file renamed .pdf: the browser calls it a PDF, its bytes say otherwise.
    await staffPage.locator('input[type="file"]').setInputFiles({
      name: 'scan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('this is not really a pdf'),
    });
    await staffPage.getByRole('button', { name: 'File the paper form' }).click();
    await staffPage
      .getByText(/The file is not a PDF file/)
      .first()
      .waitFor();
    await screenshot(staffPage, 'consents-11-paper-wrong-bytes');

    await staffPage.locator('input[type="file"]').setInputFiles({
      name: 'scan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await staffPage.getByRole('button', { name: 'File the paper form' }).click();
    await staffPage.getByRole('heading', { level: 1, name: 'Sam Paperform' }).waitFor();
    await staffPage.getByRole('button', { name: /Paper scan/ }).waitFor();
  });

  it('exports a zip for an audit and shows the form template with every required section', async () => {
    await staffPage.goto('/consents');
    const [download] = await Promise.all([
      staffPage.waitForEvent('download'),
      staffPage.getByRole('button', { name: 'Export for audit' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bedside-authorizations-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = await readFile((await download.path()) ?? '');
    expect(zip.subarray(0, 2).toString()).toBe('PK');

    await staffPage.getByRole('link', { name: 'Form template' }).click();
    await staffPage.getByRole('heading', { level: 1, name: 'Authorization form' }).waitFor();
    await staffPage.getByRole('heading', { name: /Recipients may share it further/ }).waitFor();
    await screenshot(staffPage, 'consents-12-template');
  });

  it('nothing left the server: no third-party request from any page', () => {
    expect(requests.foreign(server.url)).toEqual([]);
  });
});
