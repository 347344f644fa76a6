import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingReason } from '../tools/test-env.js';
import { startBedsideServer, type BedsideServer } from './support/bedside-server.js';
import { failureScreenshots, launchChromium, RequestLog, screenshot } from './support/browser.js';
import { signIn } from './support/flows/auth-flow.js';
import { seedDemo, type DemoSignIn } from './support/flows/providers-flow.js';
import { importReviews } from './support/flows/reputation-flow.js';

const skipReason = missingReason('chromium');
if (skipReason) console.warn(skipReason);

const now = new Date().toISOString();
const CSV = [
  'Review ID,Date,Rating,Location,Review',
  `rs-1,${now},1,Riverbend Family Health — Portland,"Waited over an hour and Dr. Osei seemed rushed."`,
  `rs-2,${now},5,Riverbend Family Health — Denver,"Dr. Osei listened and explained everything clearly."`,
  `rs-3,${now},2,Riverbend Family Health — Portland,"They billed my insurance wrong and nobody fixed it."`,
].join('\n');

// Settings → Reviews & alerts on a real server, and the inbox's provider and assignee filters:
// a Meta webhook source added, paused and removed; an alert webhook added (its secret shown once)
// and tested against a receiver on loopback; my alerts chosen per kind and channel.
describe.skipIf(Boolean(skipReason))('reputation settings in a real browser', () => {
  let server: BedsideServer;
  let browser: Browser;
  const requests = new RequestLog();
  let context: BrowserContext;
  let page: Page;
  let accounts: DemoSignIn[];
  const received: string[] = [];
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200).end('ok');
    });
  });
  const account = (role: string) => accounts.find((a) => a.role === role)!;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startBedsideServer('reputation-settings', {
        prepare: async (dataDir) => void (accounts = await seedDemo(dataDir)),
      }),
      launchChromium(),
      new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve)),
    ]);
    context = await requests.newContext(browser, server.url);
    page = await context.newPage();
    await signIn(page, account('owner'));
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await failureScreenshots(browser, task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('adds, pauses and removes a review source', async () => {
    await page.getByRole('link', { name: 'Reviews & alerts', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Reviews & alerts' }).waitFor();
    await page.getByRole('button', { name: 'Add a source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a review source' });
    await dialog.getByText('Meta webhook').click();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Riverbend on Facebook');
    await dialog.getByLabel('App secret').fill('short');
    await dialog.getByRole('textbox', { name: 'Verify token' }).fill('riverbend-verify');
    await dialog.getByRole('button', { name: 'Add source' }).click();
    await dialog.getByText('Paste the app secret from the Meta app dashboard.').waitFor();
    await dialog.getByLabel('App secret').fill('synthetic-app-secret-0123456789');
    await dialog.getByRole('button', { name: 'Add source' }).click();
    await dialog.getByText(/\/api\/webhooks\/meta\//).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    const sources = page.getByRole('table', { name: 'Review sources' });
    await sources.getByText('Riverbend on Facebook').waitFor();
    expect(await sources.innerText()).toContain('Waiting for the first delivery');
    await sources.getByRole('button', { name: 'Pause Riverbend on Facebook' }).click();
    await sources.getByText('Paused').waitFor();
    await screenshot(page, 'reputation-settings-01-sources');
    await sources.getByRole('button', { name: 'Remove Riverbend on Facebook' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove source' }).click();
    await expect.poll(() => sources.count()).toBe(0);
  });

  it('adds an alert webhook, shows its secret once, and sends a test alert', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/slack`;
    const form = page.getByRole('form', { name: 'Add a webhook' });
    await form.getByRole('textbox', { name: 'Webhook address' }).fill('http://example.com/hook');
    await form.getByRole('button', { name: 'Add webhook' }).click();
    await form.getByText('The address must use https://.').waitFor();
    await form.getByRole('textbox', { name: 'Webhook address' }).fill(url);
    await form.getByLabel('Slack-compatible').check();
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const secret = page.getByTestId('webhook-secret');
    await secret.waitFor();
    expect((await secret.innerText()).length).toBeGreaterThan(20);
    await screenshot(page, 'reputation-settings-02-webhook-secret');
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await expect.poll(() => secret.count()).toBe(0);

    const hooks = page.getByRole('table', { name: 'Alert webhooks' });
    await hooks.getByRole('button', { name: `Send a test alert to ${url}` }).click();
    await page.getByText('The test alert was delivered.').waitFor();
    await hooks.getByText('Delivered').waitFor();
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!)).toEqual({
      text: expect.stringContaining('Test alert from Bedside'),
    });
  });

  it('saves my alerts per kind and channel', async () => {
    const alerts = page.getByRole('form', { name: 'My alerts' });
    const box = (name: string) => alerts.getByRole('checkbox', { name });
    // The owner's default: negative (and so urgent) items both ways.
    expect(await box('Negative items by email').isChecked()).toBe(true);
    await box('Negative items by email').uncheck();
    expect(await box('Urgent items by email').isChecked()).toBe(true);
    await box('Every other new item in the app').check();
    expect(await box('Negative items in the app').isChecked()).toBe(true);
    await alerts.getByRole('switch', { name: 'Daily digest' }).uncheck();
    await alerts.getByRole('button', { name: 'Save my alerts' }).click();
    await page.getByText('Your alert choices are saved.').waitFor();
    await screenshot(page, 'reputation-settings-03-page');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Reviews & alerts' }).waitFor();
    const again = page.getByRole('form', { name: 'My alerts' });
    await expect
      .poll(() => again.getByRole('checkbox', { name: 'Urgent items by email' }).isChecked())
      .toBe(true);
    expect(await again.getByRole('checkbox', { name: 'Negative items by email' }).isChecked()).toBe(
      false,
    );
    expect(
      await again.getByRole('checkbox', { name: 'Every other new item in the app' }).isChecked(),
    ).toBe(true);
    expect(await again.getByRole('switch', { name: 'Daily digest' }).isChecked()).toBe(false);
  });

  it('filters the inbox by provider and by anyone who can be assigned', async () => {
    expect((await importReviews(page, `${CSV}\n`)).created).toBe(3);
    await page.goto('/inbox');
    const list = page.getByRole('table', { name: 'Inbox items' });
    await expect.poll(() => list.locator('tbody tr').count()).toBe(3);
    const filters = page.getByRole('region', { name: 'Filters' });

    await filters.getByLabel('Provider', { exact: true }).click();
    await page.getByRole('option', { name: /Samuel Osei/ }).click();
    await expect.poll(() => list.locator('tbody tr').count()).toBe(2);
    await expect.poll(() => page.url()).toMatch(/providerId=/);

    // Nobody has items yet, and still everyone who can answer reviews is offered.
    await filters.getByLabel('Assignee', { exact: true }).click();
    const options = await page.getByRole('option').allInnerTexts();
    expect(options).toEqual(expect.arrayContaining(['Unassigned', 'Me', 'Tomás Rivera']));
    expect(options).not.toContain('Grace Kim');
    await page.keyboard.press('Escape');

    await list.locator('tbody tr').first().getByRole('checkbox').check();
    await page
      .getByRole('toolbar', { name: 'Bulk actions' })
      .getByLabel('Assign the selected items to')
      .click();
    await page.getByRole('option', { name: 'Tomás Rivera' }).click();
    await filters.getByLabel('Assignee', { exact: true }).click();
    await page.getByRole('option', { name: 'Tomás Rivera' }).click();
    await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
    await screenshot(page, 'reputation-settings-04-inbox-filters');
    expect(requests.foreign(server.url)).toEqual([]);
  });
});
