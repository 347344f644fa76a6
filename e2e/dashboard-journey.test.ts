import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingReason } from '../tools/test-env.js';
import { startBedsideServer, type BedsideServer } from './support/bedside-server.js';
import { failureScreenshots, launchChromium, RequestLog, screenshot } from './support/browser.js';
import { signIn, signOut } from './support/flows/auth-flow.js';
import { seedDemo, type DemoSignIn } from './support/flows/providers-flow.js';

const skipReason = missingReason('chromium');
if (skipReason) console.warn(skipReason);

interface Summary {
  inbox: { new: number; assignedToMe: number; overdue: number; urgent: number } | null;
  posts: { awaitingMyReview: number | null; myDrafts: number | null } | null;
  consents: { awaitingSignature: number; expiringSoon: number } | null;
}

// The home page of the demo practice (90 days of reviews) for the people who open it every
// morning: each count is a link, and the link opens the list it counted with its filter applied.
describe.skipIf(Boolean(skipReason))('dashboard: what needs you, in a real browser', () => {
  let server: BedsideServer;
  let browser: Browser;
  const requests = new RequestLog();
  let context: BrowserContext;
  let page: Page;
  let accounts: DemoSignIn[];
  const account = (role: string) => accounts.find((a) => a.role === role)!;
  const work = () => page.getByRole('region', { name: 'What needs you' });
  /** A card by its accessible name, which starts with its label and holds its count. */
  const card = (label: string): Locator =>
    work().getByRole('link', { name: new RegExp(`^${label}: \\d+\\.`) });
  const countOf = async (label: string) => Number(await card(label).getAttribute('data-count'));
  const inboxRows = () => page.getByRole('table', { name: 'Inbox items' }).locator('tbody tr');

  /** What the server counts for the signed-in person (the same call the page makes). */
  const summary = async (): Promise<Summary> => {
    const me = await page.request.get('/api/auth/session');
    const orgId = (await me.json()).memberships[0].orgId as string;
    return (await page.request.get(`/api/orgs/${orgId}/dashboard`)).json() as Promise<Summary>;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startBedsideServer('dashboard', {
        prepare: async (dataDir) => void (accounts = await seedDemo(dataDir, { reviews: true })),
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

  it('shows the marketer their inbox, drafts and authorizations; "Assigned to you" opens the inbox filtered', async () => {
    await signIn(page, account('marketer'));
    await work().waitFor();
    const expected = await summary();
    expect(expected.inbox?.new).toBeGreaterThan(0);
    expect(await countOf('New in the inbox')).toBe(expected.inbox?.new);
    expect(await countOf('Assigned to you')).toBe(expected.inbox?.assignedToMe);
    expect(await countOf('Overdue')).toBe(expected.inbox?.overdue);
    expect(await countOf('Urgent')).toBe(1);
    expect(await countOf('Your drafts')).toBe(1);
    expect(await countOf('Waiting for your review')).toBe(0);
    expect(await countOf('Channels to reconnect')).toBe(0);
    expect(await countOf('Awaiting signature')).toBe(1);
    expect(await countOf('Expiring soon')).toBe(1);
    // Owners' and admins' setup cards are not the marketer's.
    expect(await page.getByRole('heading', { name: 'Setup and security' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Next 7 days' }).waitFor();
    await screenshot(page, 'dashboard-01-marketer');

    const mine = await countOf('Assigned to you');
    expect(mine).toBeGreaterThan(0);
    await card('Assigned to you').click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('assigned');
    const filters = page.getByRole('region', { name: 'Filters' });
    expect(await filters.getByLabel('Status', { exact: true }).first().inputValue()).toBe(
      'assigned',
    );
    await expect.poll(() => inboxRows().count()).toBe(mine);
    await screenshot(page, 'dashboard-02-marketer-assigned-inbox');

    await page.goBack();
    await card('Urgent').click();
    await expect.poll(() => inboxRows().count()).toBe(1);
    expect(await inboxRows().first().innerText()).toContain('lawyer');

    // "Your drafts" opens Posts on its Drafts tab, with the draft listed.
    await page.goBack();
    await card('Your drafts').click();
    await page.getByRole('heading', { level: 1, name: 'Posts' }).waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('drafts');
    const drafts = page.getByRole('tab', { name: 'Drafts' });
    await expect.poll(() => drafts.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByRole('tabpanel').locator('tbody tr').count()).toBe(1);
  });

  it('shows the compliance officer the same inbox, no channel cards, and "Overdue" opens the late items', async () => {
    await signOut(page, 'Priya Raman');
    await signIn(page, account('compliance_officer'));
    await work().waitFor();
    const expected = await summary();
    expect(await countOf('New in the inbox')).toBe(expected.inbox?.new);
    expect(await countOf('Assigned to you')).toBe(0);
    expect(await countOf('Waiting for your review')).toBe(expected.posts?.awaitingMyReview);
    expect(await countOf('Awaiting signature')).toBe(1);
    expect(await card('Channels to reconnect').count()).toBe(0);
    await screenshot(page, 'dashboard-03-compliance');

    const overdue = await countOf('Overdue');
    expect(overdue).toBe(expected.inbox?.overdue);
    expect(overdue).toBeGreaterThan(0);
    // Keyboard: the card is a link in the tab order, and Enter opens it.
    await card('Overdue').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    expect(new URL(page.url()).searchParams.get('overdue')).toBe('true');
    expect(await page.getByRole('checkbox', { name: 'Overdue only' }).isChecked()).toBe(true);
    await expect.poll(() => inboxRows().count()).toBe(overdue);
    await screenshot(page, 'dashboard-04-compliance-overdue-inbox');
    expect(requests.foreign(server.url)).toEqual([]);
  });

  it('gives the owner the setup and security cards too', async () => {
    await signOut(page, 'Helen Okafor');
    await signIn(page, account('owner'));
    await work().waitFor();
    await page.getByRole('heading', { name: 'Setup and security' }).waitFor();
    await screenshot(page, 'dashboard-05-owner');
  });
});
