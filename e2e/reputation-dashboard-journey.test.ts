import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingReason } from '../tools/test-env.js';
import { startBedsideServer, type BedsideServer } from './support/bedside-server.js';
import { failureScreenshots, launchChromium, RequestLog, screenshot } from './support/browser.js';
import { signIn } from './support/flows/auth-flow.js';
import { seedDemo, type DemoSignIn } from './support/flows/providers-flow.js';
import { importReviews, syntheticReviewsCsv } from './support/flows/reputation-flow.js';

const skipReason = missingReason('chromium');
if (skipReason) console.warn(skipReason);

const COUNT = 60;
/** The ratings syntheticReviewsCsv writes, to know the average the page must show. */
const ratings = Array.from({ length: COUNT }, (_, i) => (i % 3 === 0 ? 1 + (i % 2) : 4 + (i % 2)));
const average = (ratings.reduce((a, b) => a + b, 0) / COUNT).toFixed(2);

// Analytics → Reputation on a real server: sixty synthetic Healthgrades reviews imported through
// the inbox's CSV import (analysis on arrival), then the dashboard read, filtered and exported.
describe.skipIf(Boolean(skipReason))('reputation analytics in a real browser', () => {
  let server: BedsideServer;
  let browser: Browser;
  const requests = new RequestLog();
  let context: BrowserContext;
  let page: Page;
  let accounts: DemoSignIn[];
  const account = (role: string) => accounts.find((a) => a.role === role)!;
  const summary = () => page.getByRole('region', { name: 'Summary' });

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startBedsideServer('reputation-dashboard', {
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

  it('charts imported reviews: volume and rating, sentiment, responses, topics, locations', async () => {
    await signIn(page, account('owner'));
    const report = await importReviews(
      page,
      syntheticReviewsCsv({ count: COUNT, until: new Date(), spacingDays: 1 }),
    );
    expect(report.created).toBe(COUNT);

    await page.getByRole('link', { name: 'Analytics', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Reputation analytics' }).waitFor();
    await expect.poll(() => summary().innerText()).toContain(String(COUNT));
    expect(await summary().innerText()).toContain(average);
    for (const title of [
      'Volume and average rating',
      'Sentiment',
      'Responses',
      'Topics',
      'Average rating by location',
      'Average rating by provider',
    ]) {
      const chart = page.getByRole('region', { name: title });
      await chart.locator('.recharts-surface').first().waitFor();
    }
    const sentiment = await page.getByRole('region', { name: 'Sentiment' }).innerText();
    expect(sentiment).toMatch(/[1-9]\d* negative/);
    const topics = await page.getByRole('region', { name: 'Topics' }).innerText();
    expect(topics).toMatch(/Most mentioned: /);

    const volume = page.getByRole('region', { name: 'Volume and average rating' });
    await volume.getByRole('button', { name: 'Show the numbers' }).click();
    const table = volume.getByRole('table', { name: 'Volume and average rating' });
    expect(await table.getByRole('row').count()).toBeGreaterThanOrEqual(14); // header + 13 weeks
    await screenshot(page, 'reputation-01-dashboard');
  });

  it('filters by location and exports what it shows as CSV', async () => {
    await page.getByLabel('Location', { exact: true }).selectOption({
      label: 'Riverbend Family Health — Denver',
    });
    await expect.poll(() => summary().innerText()).toContain(String(COUNT / 2));
    await page.getByLabel('Group by', { exact: true }).selectOption('month');
    await page
      .getByRole('region', { name: 'Volume and average rating' })
      .getByText('*')
      .first()
      .waitFor();
    await screenshot(page, 'reputation-02-denver-by-month');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^bedside-reputation-\d{4}-\d{2}-\d{2}-to-.*\.csv$/,
    );
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^scope,scope_id,name,period,items/);
    expect(lines.some((l) => l.startsWith(`all,,,total,${COUNT / 2},`))).toBe(true);
    expect(csv).not.toContain('receptionist');
  });

  it('shows a viewer the same aggregates, and nothing is fetched from another origin', async () => {
    const viewer = await (await requests.newContext(browser, server.url)).newPage();
    await signIn(viewer, account('viewer'));
    await viewer.getByRole('link', { name: 'Analytics', exact: true }).click();
    await expect
      .poll(() => viewer.getByRole('region', { name: 'Summary' }).innerText())
      .toContain(String(COUNT));
    expect(requests.foreign(server.url)).toEqual([]);
  });
});
