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
  `in-1,${now},1,Riverbend Family Health — Portland,"Waited over an hour past my appointment time, and the receptionist was rude."`,
  `in-2,${now},5,Riverbend Family Health — Denver,"Spotless office and easy parking."`,
  `in-3,${now},2,Riverbend Family Health — Portland,"They billed my insurance wrong and read my SSN 123-45-6789 out loud."`,
  `in-4,${now},4,Riverbend Family Health — Denver,"Short wait, seen right on time."`,
].join('\n');

// The inbox on a real server: reviews imported from a CSV (analysis on arrival), walked with the
// keyboard, a reply that would confirm the reviewer is a patient stopped with a safe template,
// the safe reply approved and marked posted by hand (Healthgrades has no reply API).
describe.skipIf(Boolean(skipReason))('reputation inbox in a real browser', () => {
  let server: BedsideServer;
  let browser: Browser;
  const requests = new RequestLog();
  let context: BrowserContext;
  let page: Page;
  let accounts: DemoSignIn[];
  const account = (role: string) => accounts.find((a) => a.role === role)!;
  const list = () => page.getByRole('table', { name: 'Inbox items' });

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startBedsideServer('inbox', {
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

  it('shows imported reviews with sentiment, topics, masked PHI and SLA; filters and keyboard work', async () => {
    await signIn(page, account('owner'));
    expect((await importReviews(page, `${CSV}\n`)).created).toBe(4);
    await page.getByRole('link', { name: 'Inbox', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await expect.poll(() => list().locator('tbody tr').count()).toBe(4);
    const text = await list().innerText();
    expect(text).toContain('[SSN hidden]');
    expect(text).not.toContain('123-45-6789');
    expect(text).toMatch(/Due in 2[34] h/);
    await screenshot(page, 'inbox-01-list');

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    const panel = page.getByLabel('Selected item');
    await panel.waitFor();
    await page.keyboard.press('j');
    await expect.poll(() => page.url()).toMatch(/item=/);
    await screenshot(page, 'inbox-02-selected');

    await page
      .getByRole('region', { name: 'Filters' })
      .getByRole('textbox', { name: 'Sentiment' })
      .or(
        page
          .getByRole('region', { name: 'Filters' })
          .getByLabel('Sentiment', { exact: true })
          .first(),
      )
      .first()
      .click();
    await page.getByRole('option', { name: 'negative' }).click();
    await expect.poll(() => list().locator('tbody tr').count()).toBe(2);
  });

  it('stops a reply that confirms a patient, offers the safe template, and tracks posting by hand', async () => {
    await page.goto('/inbox?sentiment=negative');
    await list().getByText('Waited over an hour').click();
    const panel = page.getByLabel('Selected item');
    await panel.getByText('Wait time').first().waitFor();
    const reply = panel.getByRole('textbox', { name: 'Reply' });
    await reply.fill(
      'Sorry about your visit last Tuesday; you were our patient and we saw you late.',
    );
    await panel.getByRole('button', { name: 'Approve reply' }).click();
    const stopped = panel.getByRole('alert').filter({ hasText: 'This reply was stopped' });
    await stopped.waitFor();
    await screenshot(page, 'inbox-03-reply-stopped');
    await stopped.getByRole('button', { name: 'Use the safe template' }).click();
    expect(await reply.inputValue()).toContain('Privacy laws keep us from discussing');
    await panel.getByRole('button', { name: 'Approve reply' }).click();
    await panel.getByRole('button', { name: 'Mark posted by hand' }).click();
    await panel.getByText('posted by hand').waitFor();
    await screenshot(page, 'inbox-04-posted-by-hand');
    expect(requests.foreign(server.url)).toEqual([]);
  });
});
